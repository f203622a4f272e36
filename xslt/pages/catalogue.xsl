<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page: every enabled department and its services. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'catalogue']">
    <div class="hero">
      <h1 class="hero__title"><xsl:value-of select="dm:t('catalogue.title')"/></h1>
      <p class="lead"><xsl:value-of select="dm:t('catalogue.lead')"/></p>
      <form class="search" method="get" action="/" role="search">
        <label class="label" for="q"><xsl:value-of select="dm:t('catalogue.search')"/></label>
        <div class="hint" id="q-hint"><xsl:value-of select="dm:t('catalogue.search.hint')"/></div>
        <div class="search__row">
          <input class="input search__input" id="q" name="q" type="search" value="{results/@q}" aria-describedby="q-hint"/>
          <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('catalogue.search.submit')"/></button>
        </div>
      </form>
    </div>
    <xsl:apply-templates select="results"/>
    <xsl:if test="popular/service">
      <section class="popular" aria-labelledby="popular-title">
        <h2 id="popular-title" class="popular__title"><xsl:value-of select="dm:t('catalogue.popular')"/></h2>
        <ul class="popular__list">
          <xsl:for-each select="popular/service">
            <li><a href="/services/{@code}"><xsl:value-of select="@title"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
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
        <!-- Said once when it holds for every service of the department. -->
        <xsl:variable name="all-b" select="not(service[not(@level-b = '1')])"/>
        <xsl:if test="$all-b">
          <p class="tag"><xsl:value-of select="dm:t('service.levelb.all')"/></p>
        </xsl:if>
        <ul class="service-list">
          <xsl:for-each select="service">
            <li class="service-list__item">
              <a class="service-list__link" href="/services/{@code}"><xsl:value-of select="@title"/></a>
              <p class="service-list__summary"><xsl:value-of select="summary"/></p>
              <xsl:if test="@level-b = '1' and not($all-b)">
                <p class="tag"><xsl:value-of select="dm:t('service.levelb')"/></p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- What a search found, before the whole catalogue. -->
  <xsl:template match="results">
    <section class="results" aria-labelledby="results-title">
      <h2 id="results-title">
        <xsl:value-of select="dm:t('catalogue.results')"/>
        <xsl:text> «</xsl:text><xsl:value-of select="@q"/><xsl:text>»</xsl:text>
      </h2>
      <xsl:choose>
        <xsl:when test="service">
          <ul class="service-list">
            <xsl:for-each select="service">
              <li class="service-list__item">
                <a class="service-list__link" href="/services/{@code}"><xsl:value-of select="@title"/></a>
                <p class="service-list__summary"><xsl:value-of select="summary"/></p>
                <p class="muted"><xsl:value-of select="@department"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="dm:t('catalogue.results.none')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
