<?xml version="1.0" encoding="UTF-8"?>
<!-- Public reports (web/reports_public.c): the list with its filters and
     the map above it (the list works without JavaScript), one report,
     and the nearby reports a citizen sees before filing one. What a
     report shows is public_reports.h's rule: service, status, an
     approximate place, the date, photos a clerk made public. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template name="public-select">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="options"/>
    <div class="form-group">
      <label class="label" for="f-{$name}"><xsl:value-of select="$label"/></label>
      <select class="select" id="f-{$name}" name="{$name}">
        <option value=""><xsl:value-of select="dm:t('public.all')"/></option>
        <xsl:for-each select="$options/option">
          <option value="{@value}">
            <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@label"/>
          </option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- One report in a list: a card with what is public of it. -->
  <xsl:template match="report" mode="card">
    <li class="report-card">
      <xsl:if test="photo">
        <img class="report-card__photo" src="/reports/{@id}/photos/{photo[1]/@id}/thumb" alt="{dm:t('public.photo')}" loading="lazy"/>
      </xsl:if>
      <h3 class="report-card__title"><a href="/reports/{@id}"><xsl:value-of select="@title"/></a></h3>
      <p class="report-card__meta">
        <span class="tag tag--{@status}"><xsl:value-of select="@status_label"/></span>
        <xsl:text> · </xsl:text>
        <xsl:if test="@settlement"><xsl:value-of select="@settlement"/><xsl:text> · </xsl:text></xsl:if>
        <time datetime="{@date}"><xsl:value-of select="@date"/></time>
        <xsl:if test="@distance"><xsl:text> · </xsl:text><xsl:value-of select="@distance"/><xsl:text> m</xsl:text></xsl:if>
      </p>
    </li>
  </xsl:template>

  <xsl:template match="content[@view = 'public-reports']">
    <h1><xsl:value-of select="dm:t('public.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('public.lead')"/></p>
    <form method="get" action="/reports" class="form form--filters">
      <xsl:call-template name="public-select">
        <xsl:with-param name="name" select="'service'"/>
        <xsl:with-param name="label" select="dm:t('request.service')"/>
        <xsl:with-param name="options" select="services"/>
      </xsl:call-template>
      <xsl:call-template name="public-select">
        <xsl:with-param name="name" select="'department'"/>
        <xsl:with-param name="label" select="dm:t('public.department')"/>
        <xsl:with-param name="options" select="departments"/>
      </xsl:call-template>
      <xsl:if test="settlements/option">
        <xsl:call-template name="public-select">
          <xsl:with-param name="name" select="'settlement'"/>
          <xsl:with-param name="label" select="dm:t('public.settlement')"/>
          <xsl:with-param name="options" select="settlements"/>
        </xsl:call-template>
      </xsl:if>
      <div class="form-actions">
        <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('public.filter')"/></button>
      </div>
    </form>
    <xsl:apply-templates select="map"/>
    <h2 id="public-list"><xsl:value-of select="dm:t('public.list')"/></h2>
    <xsl:choose>
      <xsl:when test="reports/report">
        <ul class="report-list" aria-labelledby="public-list">
          <xsl:apply-templates select="reports/report" mode="card"/>
        </ul>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('public.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@first or @next">
      <nav class="pager" aria-label="{dm:t('public.pages')}">
        <xsl:if test="@first"><a href="{@first}"><xsl:value-of select="dm:t('public.newest')"/></a><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="@next"><a href="{@next}" rel="next"><xsl:value-of select="dm:t('public.older')"/></a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="content[@view = 'public-report']">
    <xsl:for-each select="report">
      <span class="caption"><xsl:value-of select="@department"/></span>
      <h1><xsl:value-of select="@title"/></h1>
    </xsl:for-each>
    <xsl:if test="@done">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t(concat('public.done.', @done))"/></p></div>
    </xsl:if>
    <xsl:for-each select="report">
      <dl class="summary-list">
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('request.status')"/></dt><dd><xsl:value-of select="@status_label"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('request.submitted')"/></dt><dd><xsl:value-of select="@date"/></dd></div>
        <xsl:if test="@settlement">
          <div class="summary-list__row"><dt><xsl:value-of select="dm:t('public.settlement')"/></dt><dd><xsl:value-of select="@settlement"/></dd></div>
        </xsl:if>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('public.place')"/></dt><dd><xsl:value-of select="@lat"/>, <xsl:value-of select="@lon"/></dd></div>
        <xsl:if test="@followers">
          <div class="summary-list__row"><dt><xsl:value-of select="dm:t('public.followers')"/></dt><dd><xsl:value-of select="@followers"/></dd></div>
        </xsl:if>
      </dl>
      <xsl:if test="photo">
        <h2><xsl:value-of select="dm:t('public.photos')"/></h2>
        <ul class="thumbs">
          <xsl:for-each select="photo">
            <li><a href="/reports/{../@id}/photos/{@id}"><img src="/reports/{../@id}/photos/{@id}/thumb" alt="{dm:t('public.photo')}"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </xsl:for-each>
    <xsl:apply-templates select="map"/>
    <h2><xsl:value-of select="dm:t('public.follow.title')"/></h2>
    <p><xsl:value-of select="dm:t('public.follow.text')"/></p>
    <xsl:choose>
      <xsl:when test="@csrf">
        <form method="post" action="/reports/{report/@id}/follow" class="form">
          <input type="hidden" name="csrf" value="{@csrf}"/>
          <xsl:choose>
            <xsl:when test="@following">
              <input type="hidden" name="action" value="unfollow"/>
              <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('public.unfollow')"/></button>
            </xsl:when>
            <xsl:otherwise>
              <input type="hidden" name="action" value="follow"/>
              <button type="submit" class="button"><xsl:value-of select="dm:t('public.follow')"/></button>
            </xsl:otherwise>
          </xsl:choose>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p><a href="/login?next=/reports/{report/@id}"><xsl:value-of select="dm:t('public.login')"/></a></p>
      </xsl:otherwise>
    </xsl:choose>
    <p><a href="/reports"><xsl:value-of select="dm:t('public.back')"/></a></p>
  </xsl:template>

  <!-- Before submitting: the same problem, already reported nearby. -->
  <xsl:template match="nearby">
    <section class="nearby notice" aria-labelledby="nearby-title">
      <h2 id="nearby-title"><xsl:value-of select="dm:t('nearby.title')"/></h2>
      <p><xsl:value-of select="dm:t('nearby.text')"/></p>
      <ul class="report-list">
        <xsl:for-each select="report">
          <li class="report-card">
            <h3 class="report-card__title"><a href="/reports/{@id}"><xsl:value-of select="@title"/></a></h3>
            <p class="report-card__meta">
              <xsl:value-of select="@status_label"/><xsl:text> · </xsl:text>
              <time datetime="{@date}"><xsl:value-of select="@date"/></time>
              <xsl:if test="@settlement"><xsl:text> · </xsl:text><xsl:value-of select="@settlement"/></xsl:if>
            </p>
            <form method="post" action="/reports/{@id}/follow" class="form">
              <input type="hidden" name="csrf" value="{/page/content/@csrf}"/>
              <input type="hidden" name="action" value="follow"/>
              <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('nearby.follow')"/><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@title"/><xsl:text> </xsl:text><xsl:value-of select="@date"/></span></button>
            </form>
          </li>
        </xsl:for-each>
      </ul>
      <p><xsl:value-of select="dm:t('nearby.or_submit')"/></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
