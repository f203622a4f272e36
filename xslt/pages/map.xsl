<?xml version="1.0" encoding="UTF-8"?>
<!-- Maps, as progressive enhancement: every page with a map works without
     JavaScript (an address is typed and its point given in the inputs; a
     list stands beside every map of reports). The map is an empty, hidden
     container whose data-* attributes tell /static/js/map.js what to draw;
     the script (no inline script anywhere) unhides it. Texts the script
     shows come from the strings here, in the page's language.
       data-map      field (an address field's point), reports (open
                     reports from data-reports, GeoJSON), point (one place)
       data-area     the municipality's boundary and settlements (GeoJSON)
       data-tiles    tile URL template from [places] tiles ("" = none) -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <!-- In <head>, on pages that have a map: Leaflet (installed by the
       build from npm, served from /static/vendor/) and our script. -->
  <xsl:template name="map-assets">
    <xsl:if test="/page/content//field[@type = 'address' and @map] or /page/content//map">
      <link rel="stylesheet" href="{/page/@static}/vendor/leaflet/leaflet.css"/>
      <script src="{/page/@static}/vendor/leaflet/leaflet.js" defer="defer"></script>
      <script src="{/page/@static}/js/map.js" defer="defer"></script>
    </xsl:if>
  </xsl:template>

  <!-- The container. kind: field | reports | point. -->
  <xsl:template name="map">
    <xsl:param name="kind"/>
    <xsl:param name="id"/>
    <xsl:param name="field"/>
    <xsl:param name="reports"/>
    <xsl:param name="lat"/>
    <xsl:param name="lon"/>
    <xsl:param name="label" select="dm:t('map.label')"/>
    <div class="map map--{$kind}" id="{$id}" hidden="hidden" data-map="{$kind}"
         data-area="/reports/area.geojson" data-tiles="{dm:t('site.tiles')}"
         data-credit="{dm:t('site.tiles.credit')}" data-credit-url="{dm:t('site.tiles.credit_url')}"
         data-lang="{/page/@lang}"
         data-msg-zoom-in="{dm:t('map.zoom_in')}" data-msg-zoom-out="{dm:t('map.zoom_out')}"
         data-msg-marker="{dm:t('map.marker')}">
      <xsl:if test="$field != ''">
        <xsl:attribute name="data-field"><xsl:value-of select="$field"/></xsl:attribute>
        <xsl:attribute name="data-msg-placed"><xsl:value-of select="dm:t('map.placed')"/></xsl:attribute>
        <xsl:attribute name="data-msg-outside"><xsl:value-of select="dm:t('map.outside')"/></xsl:attribute>
        <xsl:attribute name="data-msg-settlement"><xsl:value-of select="dm:t('map.settlement')"/></xsl:attribute>
        <xsl:attribute name="data-msg-locating"><xsl:value-of select="dm:t('map.locating')"/></xsl:attribute>
        <xsl:attribute name="data-msg-geo-error"><xsl:value-of select="dm:t('map.geo_error')"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$reports != ''">
        <xsl:attribute name="data-reports"><xsl:value-of select="$reports"/></xsl:attribute>
        <xsl:attribute name="data-msg-open"><xsl:value-of select="dm:t('map.open_report')"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$lat != '' and $lon != ''">
        <xsl:attribute name="data-lat"><xsl:value-of select="$lat"/></xsl:attribute>
        <xsl:attribute name="data-lon"><xsl:value-of select="$lon"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$kind = 'field'">
        <p class="hint map__hint"><xsl:value-of select="dm:t('map.field.hint')"/></p>
        <div class="map__tools">
          <button type="button" class="button button--secondary map__locate" data-action="locate">
            <xsl:value-of select="dm:t('map.locate')"/>
          </button>
          <xsl:text> </xsl:text>
          <button type="button" class="button button--secondary map__centre" data-action="centre">
            <xsl:value-of select="dm:t('map.centre')"/>
          </button>
        </div>
      </xsl:if>
      <div class="map__canvas" role="region" aria-label="{$label}" tabindex="0"></div>
      <p class="map__status" role="status" aria-live="polite"></p>
    </div>
  </xsl:template>

  <!-- A map element in a page's data. -->
  <xsl:template match="map">
    <xsl:call-template name="map">
      <xsl:with-param name="kind" select="@kind"/>
      <xsl:with-param name="id" select="concat('map-', @kind)"/>
      <xsl:with-param name="reports" select="@src"/>
      <xsl:with-param name="lat" select="@lat"/>
      <xsl:with-param name="lon" select="@lon"/>
      <xsl:with-param name="label">
        <xsl:choose>
          <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="dm:t('map.label')"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
