<?xml version="1.0" encoding="UTF-8"?>
<!-- Error pages (400, 403, 404, 405, 413, 500 ...), also for errors nginx
     detects itself (it asks us through /_error/<status>). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'error']">
    <xsl:variable name="key">
      <xsl:choose>
        <xsl:when test="@reason"><xsl:value-of select="concat('error.', @reason)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('error.', @status)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <h1><xsl:value-of select="dm:t(concat($key, '.title'))"/></h1>
    <p class="lead"><xsl:value-of select="dm:t(concat($key, '.text'))"/></p>
    <p><xsl:value-of select="dm:t('error.help')"/></p>
    <p><a class="button" href="/"><xsl:value-of select="dm:t('error.back')"/></a></p>
    <p class="muted"><xsl:value-of select="dm:t('error.code')"/>: <xsl:value-of select="@status"/><xsl:if test="@request"><xsl:text> · </xsl:text><xsl:value-of select="dm:t('error.request')"/>: <code class="request-id"><xsl:value-of select="@request"/></code></xsl:if></p>
  </xsl:template>
</xsl:stylesheet>
