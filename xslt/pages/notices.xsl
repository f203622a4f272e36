<?xml version="1.0" encoding="UTF-8"?>
<!-- The privacy notice and the accessibility statement (notices.c): the
     municipality's text in blocks (h, p, ul). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'notice']">
    <xsl:call-template name="breadcrumbs"/>
    <div class="narrow notice-text">
      <h1><xsl:value-of select="dm:t(concat(@kind, '.title'))"/></h1>
      <xsl:if test="string(@date) != ''">
        <p class="muted"><xsl:value-of select="dm:t('accessibility.date')"/><xsl:text> </xsl:text><xsl:value-of select="@date"/></p>
      </xsl:if>
      <xsl:for-each select="text/*">
        <xsl:choose>
          <xsl:when test="self::h"><h2><xsl:value-of select="."/></h2></xsl:when>
          <xsl:when test="self::ul">
            <ul class="list">
              <xsl:for-each select="li"><li><xsl:value-of select="."/></li></xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p class="pre-line"><xsl:value-of select="."/></p></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </div>
  </xsl:template>
</xsl:stylesheet>
