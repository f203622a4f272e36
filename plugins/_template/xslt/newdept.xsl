<?xml version="1.0" encoding="UTF-8"?>
<!-- newdept's pages. Imported after the core's stylesheet, so the layout's
     named templates are at hand; views are "newdept-<view>". Values from
     the page data are written with xsl:value-of only. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <!-- One day's visits, for the department's clerks. -->
  <xsl:template match="content[@view = 'newdept-day']">
    <span class="caption"><xsl:value-of select="dm:t('newdept.caption')"/></span>
    <h1><xsl:value-of select="dm:t('newdept.day.title')"/><xsl:text> </xsl:text><xsl:value-of select="@shown"/></h1>
    <xsl:if test="@business = 0">
      <p class="lead"><xsl:value-of select="dm:t('newdept.day.closed')"/></p>
    </xsl:if>
    <p class="counts">
      <strong><xsl:value-of select="@booked"/></strong>
      <xsl:text> / </xsl:text><xsl:value-of select="@places"/>
      <xsl:text> </xsl:text><xsl:value-of select="dm:t('newdept.day.booked')"/>
    </p>
    <xsl:choose>
      <xsl:when test="visits/visit">
        <ul class="list">
          <xsl:for-each select="visits/visit">
            <li><a href="/staff/newdept/requests/{@request}"><xsl:value-of select="@protocol"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('newdept.day.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <p><a href="/staff/newdept"><xsl:value-of select="dm:t('newdept.day.queue')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
