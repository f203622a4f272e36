<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page: every enabled department and its services. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'catalogue']">
    <div class="hero">
      <h1 class="hero__title"><xsl:value-of select="dm:t('catalogue.title')"/></h1>
      <p class="lead"><xsl:value-of select="dm:t('catalogue.lead')"/></p>
    </div>
    <section class="how" aria-labelledby="how-title">
      <h2 id="how-title" class="how__title"><xsl:value-of select="dm:t('catalogue.how')"/></h2>
      <ol class="steps">
        <li><xsl:value-of select="dm:t('catalogue.step1')"/></li>
        <li><xsl:value-of select="dm:t('catalogue.step2')"/></li>
        <li><xsl:value-of select="dm:t('catalogue.step3')"/></li>
      </ol>
    </section>
    <h2 class="section-title"><xsl:value-of select="dm:t('catalogue.departments')"/></h2>
    <xsl:if test="not(department)">
      <p><xsl:value-of select="dm:t('catalogue.empty')"/></p>
    </xsl:if>
    <xsl:for-each select="department">
      <section class="department" id="dept-{@code}" aria-labelledby="dept-{@code}-title">
        <h3 class="department__title" id="dept-{@code}-title"><xsl:value-of select="@name"/></h3>
        <xsl:apply-templates select="description/p" mode="text"/>
        <ul class="service-list">
          <xsl:for-each select="service">
            <li class="service-list__item">
              <a class="service-list__link" href="/services/{@code}"><xsl:value-of select="@title"/></a>
              <p class="service-list__summary"><xsl:value-of select="summary"/></p>
              <xsl:if test="@level-b = '1'">
                <p class="tag"><xsl:value-of select="dm:t('service.levelb')"/></p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
