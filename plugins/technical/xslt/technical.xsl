<?xml version="1.0" encoding="UTF-8"?>
<!-- technical's pages. Imported after the core's stylesheet, so the
     layout's named templates are at hand; views are "technical-<view>".
     Values from the page data are written with xsl:value-of only. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <!-- The permits that cover a day, for clerks and wardens. -->
  <xsl:template match="content[@view = 'technical-permits']">
    <span class="caption"><xsl:value-of select="dm:t('technical.caption')"/></span>
    <h1>
      <xsl:value-of select="dm:t('technical.permits.title')"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="@shown"/>
    </h1>
    <form class="filters" action="/staff/technical/permits" method="get">
      <div class="form-group">
        <label class="label" for="permits-date"><xsl:value-of select="dm:t('technical.permits.date')"/></label>
        <input class="input input--date" id="permits-date" name="date" type="date" value="{@date}"/>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('technical.permits.show')"/></button>
      </div>
    </form>
    <xsl:choose>
      <xsl:when test="permits/permit">
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">
              <xsl:value-of select="dm:t('technical.permits.title')"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="@shown"/>
            </caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="dm:t('technical.permits.protocol')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('technical.permits.what')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('technical.permits.where')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('technical.permits.days')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('technical.permits.status')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="permits/permit">
                <tr>
                  <td><a href="/staff/technical/requests/{@request}"><xsl:value-of select="@protocol"/></a></td>
                  <td>
                    <xsl:value-of select="dm:t(concat('technical.kind.', @kind))"/>
                    <br/><span class="muted"><xsl:value-of select="@purpose"/></span>
                  </td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@plate"><xsl:value-of select="@plate"/></xsl:when>
                      <xsl:otherwise>
                        <xsl:value-of select="@where"/>
                        <xsl:if test="@area">
                          <br/><span class="muted"><xsl:value-of select="@area"/> m²</span>
                        </xsl:if>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td><xsl:value-of select="@from"/> – <xsl:value-of select="@to"/></td>
                  <td><xsl:value-of select="dm:t(concat('technical.status.', @status))"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('technical.permits.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <p><a href="/staff/technical"><xsl:value-of select="dm:t('technical.queue')"/></a></p>
  </xsl:template>

  <!-- Recording that a road occupation permit's fee is paid. -->
  <xsl:template match="content[@view = 'technical-payment']">
    <span class="caption"><xsl:value-of select="dm:t('technical.caption')"/></span>
    <h1><xsl:value-of select="dm:t('technical.payment.title')"/></h1>
    <dl class="summary-list">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('technical.payment.fee')"/></dt>
        <dd><xsl:value-of select="@fee"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('technical.permits.status')"/></dt>
        <dd><xsl:value-of select="dm:t(concat('technical.status.', @status))"/></dd>
      </div>
      <xsl:if test="@paid-ref">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('technical.payment.ref')"/></dt>
          <dd><xsl:value-of select="@paid-ref"/> (<xsl:value-of select="@paid-at"/>)</dd>
        </div>
      </xsl:if>
    </dl>
    <xsl:if test="@status = 'awaiting_payment'">
      <xsl:variable name="error" select="reference/@error"/>
      <form method="post" action="/staff/technical/permits/{@request}/payment" class="form" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
        <div class="form-group">
          <xsl:if test="$error"><xsl:attribute name="class">form-group form-group--error</xsl:attribute></xsl:if>
          <label class="label" for="payment-ref"><xsl:value-of select="dm:t('technical.payment.ref')"/></label>
          <p class="hint" id="payment-ref-hint"><xsl:value-of select="dm:t('technical.payment.ref.hint')"/></p>
          <xsl:if test="$error">
            <p class="error-message" id="payment-ref-error"><span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span><xsl:value-of select="$error"/></p>
          </xsl:if>
          <input class="input" id="payment-ref" name="reference" type="text" maxlength="64" value="{reference}">
            <xsl:attribute name="aria-describedby">
              <xsl:text>payment-ref-hint</xsl:text>
              <xsl:if test="$error"> payment-ref-error</xsl:if>
            </xsl:attribute>
          </input>
        </div>
        <button type="submit" class="button"><xsl:value-of select="dm:t('technical.payment.submit')"/></button>
      </form>
    </xsl:if>
    <p><a href="/staff/technical/requests/{@request}"><xsl:value-of select="dm:t('technical.payment.back')"/></a></p>
  </xsl:template>

  <!-- In the staff panel of an unpaid road occupation permit. -->
  <xsl:template match="technical-payment" mode="panel">
    <p><a class="button button--secondary" href="{@href}"><xsl:value-of select="dm:t('technical.payment.record')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
