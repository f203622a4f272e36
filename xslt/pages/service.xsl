<?xml version="1.0" encoding="UTF-8"?>
<!-- A service's page: what it is, what it needs, how long it takes, and
     the button that starts a request. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'service']">
    <xsl:variable name="s" select="service"/>
    <xsl:call-template name="breadcrumbs">
      <xsl:with-param name="middle-href" select="concat('/#dept-', department/@code)"/>
      <xsl:with-param name="middle-label" select="department/@name"/>
    </xsl:call-template>
    <span class="caption"><xsl:value-of select="department/@name"/></span>
    <h1><xsl:value-of select="$s/@title"/></h1>
    <p class="lead"><xsl:value-of select="$s/summary"/></p>
    <xsl:apply-templates select="$s/description/p" mode="text"/>

    <xsl:if test="$s/@level-b = '1' or $s/@confidential = '1'">
      <div class="notice" role="note">
        <xsl:if test="$s/@level-b = '1'">
          <p><strong><xsl:value-of select="dm:t('service.levelb')"/></strong></p>
        </xsl:if>
        <xsl:if test="$s/@confidential = '1'">
          <p><xsl:value-of select="dm:t('service.confidential')"/></p>
        </xsl:if>
      </div>
    </xsl:if>

    <dl class="summary-list">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('service.department')"/></dt>
        <dd><xsl:value-of select="department/@name"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('service.sla')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$s/@sla &gt; 0">
              <xsl:value-of select="$s/@sla"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="dm:t('service.sla.days')"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="dm:t('service.sla.none')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('service.fee')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$s/@fee"><xsl:value-of select="$s/@fee"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="dm:t('service.fee.none')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('service.result')"/></dt>
        <dd><xsl:value-of select="dm:t(concat('service.result.', $s/@result))"/></dd>
      </div>
    </dl>

    <xsl:if test="$s/field">
      <h2><xsl:value-of select="dm:t('service.needs')"/></h2>
      <ul class="needs">
        <xsl:for-each select="$s/field[@type != 'file']">
          <li>
            <xsl:value-of select="@label"/>
            <xsl:if test="not(@required)">
              <span class="muted"> (<xsl:value-of select="dm:t('service.needs.optional')"/>)</span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="$s/field[@type = 'file']">
        <h3><xsl:value-of select="dm:t('service.attachments')"/></h3>
        <ul class="needs">
          <xsl:for-each select="$s/field[@type = 'file']">
            <li>
              <xsl:value-of select="@label"/>
              <xsl:if test="not(@required)">
                <span class="muted"> (<xsl:value-of select="dm:t('service.needs.optional')"/>)</span>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </xsl:if>
    <xsl:if test="$s/@location = '1'">
      <p><xsl:value-of select="dm:t('service.location')"/></p>
    </xsl:if>
    <xsl:if test="$s/@business = '1'">
      <p><xsl:value-of select="dm:t('service.business')"/></p>
    </xsl:if>

    <p class="actions">
      <a class="button button--start" href="/services/{$s/@code}/new" role="button" draggable="false">
        <xsl:value-of select="dm:t('service.start')"/>
        <svg class="button__icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
        </svg>
      </a>
    </p>

    <xsl:if test="department/@email or department/@phone">
      <h2><xsl:value-of select="dm:t('service.contact')"/></h2>
      <dl class="contact-list">
        <xsl:call-template name="contact-row">
          <xsl:with-param name="label" select="'footer.phone'"/>
          <xsl:with-param name="value" select="department/@phone"/>
          <xsl:with-param name="href" select="concat('tel:', translate(department/@phone, ' ', ''))"/>
        </xsl:call-template>
        <xsl:call-template name="contact-row">
          <xsl:with-param name="label" select="'footer.email'"/>
          <xsl:with-param name="value" select="department/@email"/>
          <xsl:with-param name="href" select="concat('mailto:', department/@email)"/>
        </xsl:call-template>
      </dl>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
