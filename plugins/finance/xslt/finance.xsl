<?xml version="1.0" encoding="UTF-8"?>
<!-- finance.xsl: the finance department's pages. "My debts": what is
     owed and overdue, each debt with its payment code (RF), amount and
     the account to pay into. Debts are blocks, not table rows, so that a
     phone shows a long payment code without scrolling sideways. User text
     only through value-of and attribute value templates. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'finance-debts']">
    <xsl:call-template name="breadcrumbs"/>
    <span class="caption"><xsl:value-of select="dm:t('finance.department')"/></span>
    <h1><xsl:value-of select="dm:t('finance.debts.title')"/></h1>
    <xsl:choose>
      <xsl:when test="@needs-level-b">
        <p><xsl:value-of select="dm:t('finance.level_b')"/></p>
        <p><a class="button" href="/login/taxisnet"><xsl:value-of select="dm:t('finance.level_b.link')"/></a></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="finance-ledger"/>
        <xsl:if test="certificate">
          <h2><xsl:value-of select="dm:t('finance.cert.heading')"/></h2>
          <p><xsl:value-of select="dm:t('finance.cert.lead')"/></p>
          <p><a href="{certificate/@href}"><xsl:value-of select="dm:t('finance.cert.link')"/></a></p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A clerk at the counter looks a debtor up by AFM. -->
  <xsl:template match="content[@view = 'finance-debtor']">
    <span class="caption"><xsl:value-of select="dm:t('finance.department')"/></span>
    <h1><xsl:value-of select="dm:t('finance.debtor.title')"/></h1>
    <form class="form filters" method="get" action="/staff/finance/debtor">
      <div>
        <xsl:attribute name="class">
          <xsl:text>form-group</xsl:text>
          <xsl:if test="@error"> form-group--error</xsl:if>
        </xsl:attribute>
        <label class="label" for="f-afm"><xsl:value-of select="dm:t('finance.debts.afm')"/></label>
        <xsl:if test="@error">
          <p class="error-message" id="f-afm-error">
            <span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span>
            <xsl:value-of select="dm:t('finance.debtor.bad_afm')"/>
          </p>
        </xsl:if>
        <input class="input input--short" id="f-afm" name="afm" type="text" inputmode="numeric" value="{who/@afm}">
          <xsl:if test="@error">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">f-afm-error</xsl:attribute>
          </xsl:if>
        </input>
      </div>
      <div class="form-actions">
        <button type="submit" class="button"><xsl:value-of select="dm:t('finance.debtor.search')"/></button>
      </div>
    </form>
    <xsl:if test="totals">
      <xsl:call-template name="finance-ledger"/>
    </xsl:if>
  </xsl:template>

  <!-- The bank's payments that matched nothing, and the imports. -->
  <xsl:template match="content[@view = 'finance-payments']">
    <span class="caption"><xsl:value-of select="dm:t('finance.department')"/></span>
    <h1><xsl:value-of select="dm:t('finance.payments.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('finance.payments.lead')"/></p>
    <h2><xsl:value-of select="dm:t('finance.payments.unmatched')"/></h2>
    <xsl:choose>
      <xsl:when test="unmatched">
        <xsl:call-template name="finance-payment-table">
          <xsl:with-param name="rows" select="unmatched"/>
          <xsl:with-param name="caption" select="dm:t('finance.payments.unmatched')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('finance.payments.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <h2><xsl:value-of select="dm:t('finance.payments.recent')"/></h2>
    <xsl:call-template name="finance-payment-table">
      <xsl:with-param name="rows" select="payment"/>
      <xsl:with-param name="caption" select="dm:t('finance.payments.recent')"/>
    </xsl:call-template>
    <h2><xsl:value-of select="dm:t('finance.imports.title')"/></h2>
    <ul class="file-list">
      <xsl:for-each select="import">
        <li class="file-list__item">
          <xsl:value-of select="@at"/>
          <xsl:text> — </xsl:text>
          <xsl:value-of select="dm:t(concat('finance.imports.', @kind))"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="."/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="finance-payment-table">
    <xsl:param name="rows"/>
    <xsl:param name="caption"/>
    <ul class="mailbox">
      <xsl:for-each select="$rows">
        <li class="mailbox__item">
          <strong><xsl:value-of select="@amount"/></strong>
          <xsl:text> — </xsl:text>
          <xsl:value-of select="@booked"/>
          <xsl:if test="@payer">
            <xsl:text> — </xsl:text>
            <xsl:value-of select="@payer"/>
          </xsl:if>
          <span class="mailbox__meta code code--wrap">
            <xsl:value-of select="@bank-ref"/>
            <xsl:if test="@rf"><xsl:text> · </xsl:text><xsl:value-of select="@rf"/></xsl:if>
            <xsl:if test="@remittance and not(@rf)"><xsl:text> · </xsl:text><xsl:value-of select="@remittance"/></xsl:if>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="finance-ledger">
    <dl class="summary-list summary-list--compact">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('finance.debts.debtor')"/></dt>
        <dd><xsl:value-of select="who/@name"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('finance.debts.afm')"/></dt>
        <dd><xsl:value-of select="who/@afm"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('finance.debts.as_of')"/></dt>
        <dd><xsl:value-of select="@as-of"/></dd>
      </div>
    </dl>
    <xsl:if test="@truncated">
      <div class="notice notice--warning"><p><xsl:value-of select="dm:t('finance.debts.truncated')"/></p></div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="totals/@n-open = 0">
        <div class="panel panel--success">
          <h2 class="panel__title"><xsl:value-of select="dm:t('finance.debts.none')"/></h2>
          <p class="panel__body"><xsl:value-of select="dm:t('finance.debts.none.text')"/></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="columns">
          <div class="columns__half">
            <div class="panel">
              <xsl:if test="totals/@n-overdue &gt; 0">
                <xsl:attribute name="class">panel panel--error</xsl:attribute>
              </xsl:if>
              <h2 class="panel__title"><xsl:value-of select="dm:t('finance.debts.overdue')"/></h2>
              <p><span class="panel__number"><xsl:value-of select="totals/@overdue"/></span></p>
            </div>
          </div>
          <div class="columns__half">
            <div class="panel panel--info">
              <h2 class="panel__title"><xsl:value-of select="dm:t('finance.debts.owed')"/></h2>
              <p><span class="panel__number"><xsl:value-of select="totals/@owed"/></span></p>
              <xsl:if test="totals/@next-due">
                <p>
                  <xsl:value-of select="dm:t('finance.debts.next_due')"/>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="totals/@next-due"/>
                </p>
              </xsl:if>
            </div>
          </div>
        </div>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="arrangement"/>
    <xsl:if test="debt">
      <h2><xsl:value-of select="dm:t('finance.debts.open')"/></h2>
      <xsl:apply-templates select="pay"/>
      <xsl:apply-templates select="debt"/>
    </xsl:if>
    <xsl:if test="plan">
      <h2><xsl:value-of select="dm:t('finance.plan.heading')"/></h2>
      <p><xsl:value-of select="dm:t('finance.plan.lead')"/></p>
      <p><a class="button button--secondary" href="{plan/@href}"><xsl:value-of select="dm:t('finance.plan.start')"/></a></p>
    </xsl:if>
    <xsl:if test="paid/debt">
      <h2><xsl:value-of select="dm:t('finance.debts.paid')"/></h2>
      <table class="table table--numbers">
        <caption class="visually-hidden"><xsl:value-of select="dm:t('finance.debts.paid')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="dm:t('finance.debt.description')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('finance.debt.amount')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="paid/debt">
            <tr>
              <td><xsl:value-of select="@description"/></td>
              <td><xsl:value-of select="@amount"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="arrangement">
    <div class="notice">
      <xsl:if test="@status != 'active'">
        <xsl:attribute name="class">notice notice--warning</xsl:attribute>
      </xsl:if>
      <p>
        <xsl:value-of select="dm:t(concat('finance.arrangement.', @status))"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@ref"/>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="@decided"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="@instalments"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="dm:t('finance.arrangement.instalments')"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="@total"/>
        <xsl:text>).</xsl:text>
      </p>
    </div>
  </xsl:template>

  <!-- How to pay: the account and the beneficiary, once. -->
  <xsl:template match="pay">
    <div class="how">
      <p><xsl:value-of select="dm:t('finance.pay.how')"/></p>
      <dl class="summary-list summary-list--compact">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('finance.pay.beneficiary')"/></dt>
          <dd><xsl:value-of select="@beneficiary"/></dd>
        </div>
        <div class="summary-list__row">
          <dt>IBAN</dt>
          <dd class="code code--wrap"><xsl:value-of select="@iban"/></dd>
        </div>
      </dl>
    </div>
  </xsl:template>

  <xsl:template match="debt">
    <section class="record" aria-labelledby="debt-{@ref}">
      <h3 class="record__title" id="debt-{@ref}">
        <xsl:value-of select="@description"/>
      </h3>
      <p>
        <xsl:choose>
          <xsl:when test="@status = 'overdue'">
            <strong class="tag tag--red"><xsl:value-of select="dm:t('finance.debt.overdue')"/></strong>
          </xsl:when>
          <xsl:otherwise>
            <strong class="tag tag--yellow"><xsl:value-of select="dm:t('finance.debt.open')"/></strong>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@arrangement">
          <xsl:text> </xsl:text>
          <span class="tag tag--blue"><xsl:value-of select="dm:t('finance.debt.in_arrangement')"/></span>
        </xsl:if>
      </p>
      <dl class="summary-list summary-list--compact">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('finance.debt.to_pay')"/></dt>
          <dd><strong><xsl:value-of select="@outstanding"/></strong>
            <xsl:if test="@outstanding != @amount">
              <span class="muted">
                <xsl:text> (</xsl:text>
                <xsl:value-of select="dm:t('finance.debt.of')"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="@amount"/>
                <xsl:text>)</xsl:text>
              </span>
            </xsl:if>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('finance.debt.due')"/></dt>
          <dd><xsl:value-of select="@due"/></dd>
        </div>
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('finance.debt.kind')"/></dt>
          <dd><xsl:value-of select="dm:t(concat('finance.kind.', @kind))"/></dd>
        </div>
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('finance.debt.rf')"/></dt>
          <dd class="code code--wrap"><xsl:value-of select="@rf"/></dd>
        </div>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
