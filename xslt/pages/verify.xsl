<?xml version="1.0" encoding="UTF-8"?>
<!-- Public verification of issued documents: by code (or the QR code that
     carries it) and by uploading the PDF; the seal's public key. Shows no
     personal data beyond the holder's initials. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'verify' and @error]" mode="error-summary">
    <xsl:call-template name="error-summary-text">
      <xsl:with-param name="text" select="@error"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="content[@view = 'verify']">
    <h1><xsl:value-of select="dm:t('verify.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('verify.lead')"/></p>
    <xsl:apply-templates select="result"/>
    <div class="columns">
      <div class="columns__half">
        <h2><xsl:value-of select="dm:t('verify.by_code')"/></h2>
        <form class="form" method="get" action="/verify">
          <div class="form-group">
            <label class="label" for="code"><xsl:value-of select="dm:t('verify.code')"/></label>
            <div class="hint" id="code-hint"><xsl:value-of select="dm:t('verify.code.hint')"/></div>
            <input class="input input--code" id="code" name="code" type="text" autocomplete="off"
                   spellcheck="false" autocapitalize="characters" aria-describedby="code-hint" value="{@code}"/>
          </div>
          <div class="form-actions">
            <button type="submit" class="button"><xsl:value-of select="dm:t('verify.check')"/></button>
          </div>
        </form>
      </div>
      <div class="columns__half">
        <h2><xsl:value-of select="dm:t('verify.by_file')"/></h2>
        <form class="form" method="post" action="/verify" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{@csrf}"/>
          <div class="form-group">
            <label class="label" for="file"><xsl:value-of select="dm:t('verify.file')"/></label>
            <div class="hint" id="file-hint"><xsl:value-of select="dm:t('verify.file.hint')"/></div>
            <div class="file-pick">
              <span class="file-pick__control">
                <input class="file-pick__input" id="file" name="file" type="file" accept=".pdf,application/pdf" aria-describedby="file-hint"/>
                <xsl:call-template name="file-pick-button"/>
              </span>
              <xsl:call-template name="file-pick-names"/>
            </div>
          </div>
          <div class="form-actions">
            <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('verify.check_file')"/></button>
          </div>
        </form>
      </div>
    </div>
    <h2><xsl:value-of select="dm:t('verify.key')"/></h2>
    <xsl:choose>
      <xsl:when test="string(key) != ''">
        <p><xsl:value-of select="dm:t('verify.key.text')"/></p>
        <details class="details">
          <summary class="details__summary"><xsl:value-of select="dm:t('verify.technical')"/></summary>
          <div class="details__text">
            <dl class="summary-list summary-list--compact">
              <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.key.id')"/></dt><dd><span class="code"><xsl:value-of select="key/@id"/></span></dd></div>
              <div class="summary-list__row"><dt>Ed25519</dt><dd><span class="code code--wrap"><xsl:value-of select="key"/></span></dd></div>
            </dl>
          </div>
        </details>
        <p><a href="/verify/key/seal.pub"><xsl:value-of select="dm:t('verify.key.download')"/></a>
          · <a href="/verify/keys/{key/@id}/seal.crt"><xsl:value-of select="dm:t('verify.key.cert_download')"/></a></p>
        <p><xsl:value-of select="dm:t('verify.key.history')"/></p>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('verify.key.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="result">
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="@status = 'valid'">success</xsl:when>
        <xsl:otherwise>error</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="panel panel--{$kind}" role="status">
      <h2 class="panel__title">
        <xsl:value-of select="dm:t(concat('verify.result.', @status, '.', @how))"/>
      </h2>
      <xsl:if test="@status = 'valid' or @status = 'revoked'">
        <p class="panel__body"><xsl:value-of select="@title"/></p>
      </xsl:if>
    </div>
    <xsl:if test="@status = 'altered'">
      <dl class="summary-list">
        <xsl:apply-templates select="embedded"/>
      </dl>
    </xsl:if>
    <xsl:if test="@status = 'valid' or @status = 'revoked'">
      <dl class="summary-list">
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.issuer')"/></dt><dd><xsl:value-of select="@issuer"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.type')"/></dt><dd><xsl:value-of select="@title"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.code')"/></dt><dd><span class="code"><xsl:value-of select="@code"/></span></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.issued')"/></dt><dd>
          <xsl:value-of select="@issued"/>
          <xsl:if test="@automatic"> · <xsl:value-of select="dm:t('document.automatic')"/></xsl:if>
        </dd></div>
        <xsl:if test="@protocol">
          <div class="summary-list__row"><dt><xsl:value-of select="dm:t('request.protocol')"/></dt><dd><xsl:value-of select="@protocol"/></dd></div>
        </xsl:if>
        <xsl:if test="@initials">
          <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.holder')"/></dt><dd><xsl:value-of select="@initials"/></dd></div>
        </xsl:if>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.status')"/></dt><dd>
          <xsl:value-of select="dm:t(concat('document.status.', @status))"/>
        </dd></div>
        <xsl:if test="@status = 'revoked'">
          <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.revoked_at')"/></dt><dd><xsl:value-of select="@revoked"/></dd></div>
        </xsl:if>
        <xsl:apply-templates select="seal"/>
        <xsl:apply-templates select="embedded"/>
      </dl>
      <!-- The cryptographic proof, for whoever checks it with their own
           tools; folded away from lay visitors. -->
      <details class="details">
        <summary class="details__summary"><xsl:value-of select="dm:t('verify.technical')"/></summary>
        <div class="details__text">
          <dl class="summary-list summary-list--compact">
            <div class="summary-list__row"><dt>SHA-256</dt><dd><span class="code code--wrap"><xsl:value-of select="@sha256"/></span></dd></div>
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.signature')"/></dt><dd><span class="code code--wrap"><xsl:value-of select="@signature"/></span></dd></div>
          </dl>
        </div>
      </details>
      <xsl:if test="@how = 'code'">
        <p><xsl:value-of select="dm:t('verify.compare')"/></p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The generation of the seal the document names: its key, when it
       sealed, its certificate; downloads of both. -->
  <xsl:template match="result/seal">
    <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.seal.key')"/></dt><dd>
      <span class="code"><xsl:value-of select="@key"/></span>
      (<a href="{@pub}"><xsl:value-of select="dm:t('verify.seal.pub')"/></a><xsl:if test="@crt">,
      <a href="{@crt}"><xsl:value-of select="dm:t('verify.seal.crt')"/></a></xsl:if>)
    </dd></div>
    <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.seal.period')"/></dt><dd>
      <xsl:value-of select="@activated"/>
      <xsl:text> – </xsl:text>
      <xsl:choose>
        <xsl:when test="@retired"><xsl:value-of select="@retired"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="dm:t('verify.seal.current')"/></xsl:otherwise>
      </xsl:choose>
    </dd></div>
    <xsl:for-each select="certificate">
      <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.cert.subject')"/></dt><dd><xsl:value-of select="@subject"/></dd></div>
      <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.cert.issuer')"/></dt><dd><xsl:value-of select="@issuer"/></dd></div>
      <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.cert.validity')"/></dt><dd><xsl:value-of select="@from"/> – <xsl:value-of select="@until"/></dd></div>
      <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.cert.serial')"/></dt><dd><span class="code code--wrap"><xsl:value-of select="@serial"/></span></dd></div>
    </xsl:for-each>
  </xsl:template>

  <!-- The PAdES signature inside the file, as checked. -->
  <xsl:template match="result/embedded">
    <div class="summary-list__row"><dt><xsl:value-of select="dm:t('verify.embedded')"/></dt><dd>
      <xsl:value-of select="dm:t(concat('verify.embedded.', @state))"/>
    </dd></div>
  </xsl:template>
</xsl:stylesheet>
