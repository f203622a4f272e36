<?xml version="1.0" encoding="UTF-8"?>
<!-- The core's stylesheet: the layout and the core pages. dimosd compiles a
     root that imports this file and then each enabled plugin's stylesheet,
     so plugins can call every named template defined here. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">
  <xsl:import href="layout.xsl"/>
  <xsl:include href="pages/catalogue.xsl"/>
  <xsl:include href="pages/service.xsl"/>
  <xsl:include href="pages/error.xsl"/>
  <xsl:include href="pages/forms.xsl"/>
  <xsl:include href="pages/map.xsl"/>
  <xsl:include href="pages/account.xsl"/>
  <xsl:include href="pages/requests.xsl"/>
  <xsl:include href="pages/staff.xsl"/>
  <xsl:include href="pages/verify.xsl"/>
  <xsl:include href="pages/notices.xsl"/>
  <xsl:include href="pages/reports.xsl"/>
</xsl:stylesheet>
