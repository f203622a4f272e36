<?xml version="1.0" encoding="UTF-8"?>
<!-- The citizen's requests: a service's form, preview, "my requests",
     one request with its public history, and the digital mailbox
     (ψηφιακή θυρίδα). The named templates at the end (status tag, values,
     files, history) are shared with the back office (staff.xsl). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <!-- A service's form, new or a draft being edited. -->
  <xsl:template match="content[@view = 'request-form']">
    <xsl:call-template name="breadcrumbs">
      <xsl:with-param name="middle-href" select="concat('/services/', service/@code)"/>
      <xsl:with-param name="middle-label" select="service/@title"/>
    </xsl:call-template>
    <span class="caption"><xsl:value-of select="service/@department"/></span>
    <h1><xsl:value-of select="service/@title"/></h1>
    <xsl:if test="@outage">
      <div class="notice notice--warning" role="alert">
        <h2 class="notice__title"><xsl:value-of select="dm:t('request.outage.title')"/></h2>
        <p><xsl:value-of select="dm:t('request.outage.text')"/></p>
        <xsl:if test="@outage = 'files'">
          <p><xsl:value-of select="dm:t('request.outage.files')"/></p>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="@draft">
      <div class="notice" role="status"><p><xsl:value-of select="dm:t('request.draft.editing')"/></p></div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="service/summary"/></p>
    <xsl:if test="applicant">
      <xsl:call-template name="applicant-summary"/>
    </xsl:if>
    <xsl:if test="files/file">
      <h2><xsl:value-of select="dm:t('request.files.kept')"/></h2>
      <p class="hint"><xsl:value-of select="dm:t('request.files.kept.hint')"/></p>
      <ul class="file-list">
        <xsl:for-each select="files/file">
          <li class="file-list__item">
            <a href="{@href}"><xsl:value-of select="@name"/></a>
            <span class="muted"> (<xsl:value-of select="@kb"/> KB)</span>
            <form class="inline-form" method="post" action="{@href}/delete">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <button type="submit" class="link-button link-button--dark">
                <xsl:value-of select="dm:t('request.file.remove')"/>
                <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span>
              </button>
            </form>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- Who applies: taken from the account, not typed. -->
  <xsl:template name="applicant-summary">
    <dl class="summary-list summary-list--compact">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('request.applicant')"/></dt>
        <dd><xsl:value-of select="applicant/@name"/></dd>
      </div>
      <xsl:if test="applicant/@afm">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('f.afm')"/></dt>
          <dd><xsl:value-of select="applicant/@afm"/></dd>
        </div>
      </xsl:if>
      <xsl:if test="applicant/@email">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('f.email')"/></dt>
          <dd><xsl:value-of select="applicant/@email"/></dd>
        </div>
      </xsl:if>
    </dl>
  </xsl:template>

  <xsl:template match="content[@view = 'request-preview']">
    <span class="caption"><xsl:value-of select="service/@title"/></span>
    <h1><xsl:value-of select="dm:t('preview.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('preview.lead')"/></p>
    <xsl:call-template name="applicant-summary"/>
    <xsl:apply-templates select="nearby"/>
    <h2><xsl:value-of select="dm:t('request.details')"/></h2>
    <xsl:call-template name="values-list"/>
    <h2><xsl:value-of select="dm:t('request.files')"/></h2>
    <xsl:call-template name="files-list"/>
    <!-- What the department worked out from the form (a fee). -->
    <xsl:call-template name="outcome-section"/>
    <p>
      <a href="/services/{service/@code}/new?draft={@id}"><xsl:value-of select="dm:t('preview.change')"/></a>
    </p>
    <h2><xsl:value-of select="dm:t('preview.declaration')"/></h2>
    <p>
      <xsl:choose>
        <xsl:when test="applicant/@email != ''"><xsl:value-of select="dm:t('preview.declaration.text')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="dm:t('preview.declaration.text.noemail')"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <form method="post" action="/requests/{@id}/submit" class="form">
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <div class="form-actions">
        <button type="submit" class="button"><xsl:value-of select="dm:t('preview.submit')"/></button>
      </div>
    </form>
  </xsl:template>

  <!-- My requests, newest first, a page at a time. -->
  <xsl:template match="content[@view = 'requests']">
    <h1><xsl:value-of select="dm:t('requests.title')"/></h1>
    <xsl:choose>
      <xsl:when test="request">
        <table class="table table--requests">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('requests.title')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('request.protocol')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.service')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.status')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.submitted')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.due')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="request">
              <tr>
                <td data-label="{dm:t('request.protocol')}">
                  <a href="/requests/{@id}">
                    <xsl:choose>
                      <xsl:when test="@protocol"><xsl:value-of select="@protocol"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="dm:t('request.draft.short')"/></xsl:otherwise>
                    </xsl:choose>
                    <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@title"/></span>
                  </a>
                </td>
                <td data-label="{dm:t('request.service')}"><xsl:value-of select="@title"/></td>
                <td data-label="{dm:t('request.status')}"><xsl:call-template name="status-tag"/></td>
                <td data-label="{dm:t('request.submitted')}"><xsl:value-of select="@submitted"/></td>
                <td data-label="{dm:t('request.due')}"><xsl:value-of select="@due"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="dm:t('requests.none')"/></p>
        <p><a class="button" href="/"><xsl:value-of select="dm:t('requests.start')"/></a></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager"/>
  </xsl:template>

  <xsl:template name="pager">
    <xsl:if test="@next or @paged">
      <nav class="pager" aria-label="{dm:t('pager.label')}">
        <xsl:if test="@paged">
          <a href="{/page/@path}"><xsl:value-of select="dm:t('pager.first')"/></a>
        </xsl:if>
        <xsl:if test="@next">
          <a href="{@next}" rel="next"><xsl:value-of select="dm:t('pager.older')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- One request. -->
  <!-- A draft: what was saved and the way back to the form (priority: both
       this and the next template match a draft). -->
  <xsl:template match="content[@view = 'request' and @status = 'draft']" priority="1">
    <h1><xsl:value-of select="dm:t('request.draft')"/></h1>
    <xsl:if test="@saved">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('request.draft.saved')"/></p></div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="service/@title"/></p>
    <p><xsl:value-of select="dm:t('request.draft.text')"/></p>
    <p><a class="button" href="/services/{service/@code}/new?draft={@id}"><xsl:value-of select="dm:t('request.draft.continue')"/></a></p>
    <h2><xsl:value-of select="dm:t('request.draft.values')"/></h2>
    <xsl:call-template name="values-list"/>
    <h2><xsl:value-of select="dm:t('request.files')"/></h2>
    <xsl:call-template name="files-list"/>
    <p><a href="/requests"><xsl:value-of select="dm:t('requests.back')"/></a></p>
  </xsl:template>

  <xsl:template match="content[@view = 'request']">
    <span class="caption"><xsl:value-of select="service/@department"/></span>
    <h1>
      <xsl:value-of select="service/@title"/>
    </h1>
    <xsl:if test="@error">
      <div class="error-summary" role="alert" tabindex="-1">
        <h2 class="error-summary__title"><xsl:value-of select="dm:t('request.refused')"/></h2>
        <p><xsl:value-of select="@error"/></p>
      </div>
    </xsl:if>
    <xsl:if test="@just-submitted">
      <div class="panel panel--success" role="status">
        <h2 class="panel__title"><xsl:value-of select="dm:t('request.submitted.title')"/></h2>
        <p class="panel__body">
          <xsl:value-of select="dm:t('request.protocol')"/><br/>
          <strong class="panel__number"><xsl:value-of select="@protocol"/></strong>
        </p>
        <p class="panel__body"><xsl:value-of select="@submitted"/></p>
      </div>
      <p>
        <xsl:if test="@receipt-mailed"><xsl:value-of select="dm:t('request.submitted.mailed')"/><xsl:text> </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="@status = 'completed'"><xsl:value-of select="dm:t('request.submitted.delivered')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="dm:t('request.submitted.text')"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <xsl:if test="@answered">
      <div class="notice notice--success" role="status">
        <p><xsl:value-of select="dm:t('request.answered')"/></p>
      </div>
    </xsl:if>
    <xsl:call-template name="request-summary"/>
    <p>
      <a href="/requests/{@id}/receipt"><xsl:value-of select="dm:t('request.receipt')"/></a>
    </p>
    <xsl:if test="form[@id = 'answer']">
      <section class="answer" aria-labelledby="answer-title">
        <h2 id="answer-title"><xsl:value-of select="dm:t('request.answer.title')"/></h2>
        <xsl:variable name="q" select="history/event[@kind = 'question'][last()]"/>
        <xsl:if test="$q">
          <div class="notice">
            <p class="muted"><xsl:value-of select="$q/@at"/></p>
            <p class="pre-line"><xsl:value-of select="$q"/></p>
          </div>
        </xsl:if>
        <xsl:apply-templates select="form"/>
      </section>
    </xsl:if>
    <xsl:if test="@status = 'completed' or @status = 'rejected'">
      <p>
        <a>
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="@mailbox-item">/mailbox/<xsl:value-of select="@mailbox-item"/></xsl:when>
              <xsl:otherwise>/mailbox</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="dm:t('request.see_mailbox')"/>
        </a>
      </p>
    </xsl:if>
    <xsl:if test="rating or form[@id = 'rate']">
      <section class="rating" aria-labelledby="rate-title">
        <h2 id="rate-title"><xsl:value-of select="dm:t('request.rate.title')"/></h2>
        <xsl:if test="@just-rated">
          <div class="notice" role="status"><p><xsl:value-of select="dm:t('request.rate.thanks')"/></p></div>
        </xsl:if>
        <xsl:for-each select="rating">
          <p>
            <xsl:value-of select="dm:t('request.rate.yours')"/><xsl:text> </xsl:text>
            <strong><xsl:value-of select="@value"/> / 5</strong>
            <xsl:text> (</xsl:text><xsl:value-of select="@at"/><xsl:text>)</xsl:text>
          </p>
          <xsl:if test="string(.)"><p class="pre-line"><xsl:value-of select="."/></p></xsl:if>
        </xsl:for-each>
        <xsl:if test="form[@id = 'rate']">
          <p><xsl:value-of select="dm:t('request.rate.lead')"/></p>
          <xsl:apply-templates select="form[@id = 'rate']"/>
        </xsl:if>
      </section>
    </xsl:if>
    <h2><xsl:value-of select="dm:t('request.details')"/></h2>
    <xsl:call-template name="values-list"/>
    <xsl:call-template name="outcome-section"/>
    <h2><xsl:value-of select="dm:t('request.files')"/></h2>
    <xsl:call-template name="files-list"/>
    <h2><xsl:value-of select="dm:t('request.history')"/></h2>
    <xsl:call-template name="history-list"/>
    <xsl:if test="@can-withdraw">
      <details class="details withdraw">
        <summary class="details__summary"><xsl:value-of select="dm:t('request.withdraw')"/></summary>
        <div class="details__text">
          <p><xsl:value-of select="dm:t('request.withdraw.text')"/></p>
          <form method="post" action="/requests/{@id}/withdraw" class="inline-form">
            <input type="hidden" name="csrf" value="{@csrf}"/>
            <button type="submit" class="button button--warning"><xsl:value-of select="dm:t('request.withdraw.confirm')"/></button>
          </form>
        </div>
      </details>
    </xsl:if>
    <p><a href="/requests"><xsl:value-of select="dm:t('requests.back')"/></a></p>
  </xsl:template>

  <xsl:template name="request-summary">
    <dl class="summary-list">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('request.protocol')"/></dt>
        <dd><xsl:value-of select="@protocol"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('request.status')"/></dt>
        <dd><xsl:call-template name="status-tag"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('request.submitted')"/></dt>
        <dd><xsl:value-of select="@submitted"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('request.channel')"/></dt>
        <dd><xsl:value-of select="dm:t(concat('channel.', @channel))"/></dd>
      </div>
      <xsl:if test="@due and not(@closed)">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('request.due')"/></dt>
          <dd>
            <xsl:value-of select="@due"/>
            <xsl:if test="@status = 'awaiting_citizen'">
              <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="dm:t(concat('request.due.paused', substring('.staff', 1, 6 * number(starts-with(/page/@path, '/staff')))))"/></span>
            </xsl:if>
          </dd>
        </div>
      </xsl:if>
      <xsl:if test="@closed">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('request.closed')"/></dt>
          <dd><xsl:value-of select="@closed"/></dd>
        </div>
      </xsl:if>
    </dl>
  </xsl:template>

  <!-- The digital mailbox. -->
  <xsl:template match="content[@view = 'mailbox']">
    <h1><xsl:value-of select="dm:t('mailbox.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('mailbox.lead')"/></p>
    <xsl:choose>
      <xsl:when test="item">
        <ul class="mailbox">
          <!-- One test per item, literal attributes: a page lists 50. -->
          <xsl:for-each select="item">
            <xsl:choose>
              <xsl:when test="@unread">
                <li class="mailbox__item mailbox__item--unread">
                  <a class="mailbox__link" href="/mailbox/{@id}">
                    <span class="visually-hidden"><xsl:value-of select="dm:t('mailbox.unread')"/>: </span>
                    <xsl:value-of select="@title"/>
                  </a>
                  <xsl:call-template name="mailbox-meta"/>
                </li>
              </xsl:when>
              <xsl:otherwise>
                <li class="mailbox__item">
                  <a class="mailbox__link" href="/mailbox/{@id}"><xsl:value-of select="@title"/></a>
                  <xsl:call-template name="mailbox-meta"/>
                </li>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('mailbox.empty')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="pager"/>
  </xsl:template>

  <xsl:template name="mailbox-meta">
    <span class="mailbox__meta">
      <xsl:value-of select="dm:t(concat('mailbox.kind.', @kind))"/>
      <xsl:text> · </xsl:text>
      <xsl:value-of select="@at"/>
      <xsl:if test="@file">
        <xsl:text> · </xsl:text><xsl:value-of select="dm:t('mailbox.has_file')"/>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="content[@view = 'mailbox-item']">
    <xsl:variable name="it" select="item"/>
    <span class="caption"><xsl:value-of select="dm:t(concat('mailbox.kind.', $it/@kind))"/></span>
    <h1><xsl:value-of select="$it/@title"/></h1>
    <p class="muted"><xsl:value-of select="$it/@at"/></p>
    <xsl:if test="string($it) != ''">
      <div class="message pre-line"><xsl:value-of select="$it"/></div>
    </xsl:if>
    <xsl:for-each select="document">
      <xsl:choose>
        <xsl:when test="@status = 'revoked'">
          <div class="panel panel--error">
            <h2 class="panel__title"><xsl:value-of select="dm:t('document.revoked')"/></h2>
            <p class="panel__body"><xsl:value-of select="@revoked"/></p>
            <p class="panel__body"><xsl:value-of select="@reason"/></p>
          </div>
        </xsl:when>
      </xsl:choose>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('document.code')"/></dt>
          <dd><span class="code"><xsl:value-of select="@code"/></span></dd>
        </div>
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('document.issued')"/></dt>
          <dd><xsl:value-of select="@issued"/></dd>
        </div>
        <xsl:if test="@protocol">
          <div class="summary-list__row">
            <dt><xsl:value-of select="dm:t('request.protocol')"/></dt>
            <dd><xsl:value-of select="@protocol"/></dd>
          </div>
        </xsl:if>
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('document.status')"/></dt>
          <dd><xsl:value-of select="dm:t(concat('document.status.', @status))"/></dd>
        </div>
      </dl>
      <p><a href="{@verify}"><xsl:value-of select="dm:t('document.verify_link')"/></a></p>
    </xsl:for-each>
    <xsl:if test="$it/@file">
      <p>
        <a class="button" href="/mailbox/{$it/@id}/file" download="">
          <xsl:value-of select="dm:t('mailbox.download')"/>
        </a>
      </p>
    </xsl:if>
    <xsl:if test="$it/@request">
      <p><a href="/requests/{$it/@request}"><xsl:value-of select="dm:t('mailbox.to_request')"/></a></p>
    </xsl:if>
    <p><a href="/mailbox"><xsl:value-of select="dm:t('mailbox.back')"/></a></p>
  </xsl:template>

  <!-- Shared by the citizen's and the staff's pages ================= -->

  <xsl:template name="status-tag">
    <!-- The status is the class (dimos.css gives each its colour) and the
         text one lookup: no xsl:attribute or xsl:choose, which build a
         result tree fragment each, on every row of a list. -->
    <strong class="tag tag--{@status}">
      <!-- Staff read about the citizen, not to them. -->
      <xsl:value-of select="dm:t(concat('status.', @status, substring('.staff', 1,
          6 * (@status = 'awaiting_citizen' and starts-with(/page/@path, '/staff')))))"/>
    </strong>
    <xsl:if test="@overdue">
      <xsl:text> </xsl:text>
      <strong class="tag tag--red"><xsl:value-of select="dm:t('status.overdue')"/></strong>
    </xsl:if>
  </xsl:template>

  <xsl:template name="values-list">
    <dl class="summary-list">
      <xsl:for-each select="values/value">
        <div class="summary-list__row">
          <dt><xsl:value-of select="@label"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="string(.) = ''"><span class="muted"><xsl:value-of select="dm:t('value.none')"/></span></xsl:when>
              <xsl:when test="@type = 'text'"><span class="pre-line"><xsl:value-of select="."/></span></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@lat and @lon">
              <br/><span class="muted"><xsl:value-of select="dm:t('form.point')"/>: <xsl:value-of select="@lat"/>, <xsl:value-of select="@lon"/></span>
            </xsl:if>
          </dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- What the department works out from the request (its preview hook:
       a fee and its payment code, a plan's monthly instalment, the hours
       of water), on the preview and the request's pages. -->
  <xsl:template name="outcome-section">
    <xsl:if test="outcome/*">
      <section class="preview-panel" aria-labelledby="outcome-title">
        <h2 id="outcome-title">
          <xsl:choose>
            <xsl:when test="outcome/@title"><xsl:value-of select="outcome/@title"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="dm:t('preview.panel')"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <xsl:apply-templates select="outcome"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="files-list">
    <xsl:choose>
      <xsl:when test="files/file">
        <ul class="file-list">
          <xsl:for-each select="files/file">
            <li class="file-list__item">
              <!-- A photo: its thumbnail (metadata already removed). -->
              <xsl:if test="@thumb">
                <a class="file-list__thumb" href="{@href}">
                  <img src="{@thumb}" width="{@thumb-width}" height="{@thumb-height}" loading="lazy"
                       alt="{concat(dm:t('request.file.thumb'), ' ', @name)}"/>
                </a>
              </xsl:if>
              <a href="{@href}"><xsl:value-of select="@name"/></a>
              <span class="muted"> (<xsl:value-of select="@kb"/> KB)</span>
              <xsl:if test="@internal">
                <xsl:text> </xsl:text><strong class="tag tag--grey"><xsl:value-of select="dm:t('history.internal')"/></strong>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="dm:t('request.files.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="history-list">
    <xsl:variable name="files" select="files/file"/>
    <ol class="timeline">
      <xsl:for-each select="history/event">
        <xsl:variable name="eid" select="@id"/>
        <li>
          <xsl:attribute name="class">
            <xsl:text>timeline__event</xsl:text>
            <xsl:if test="@visibility = 'internal'"> timeline__event--internal</xsl:if>
          </xsl:attribute>
          <p class="timeline__head">
            <strong><xsl:value-of select="dm:t(concat('event.', @kind))"/></strong>
            <xsl:if test="@visibility = 'internal'">
              <xsl:text> </xsl:text><span class="tag tag--grey"><xsl:value-of select="dm:t('history.internal')"/></span>
            </xsl:if>
          </p>
          <p class="timeline__meta">
            <xsl:value-of select="@at"/>
            <xsl:if test="@actor">
              <xsl:text> · </xsl:text><xsl:value-of select="@actor"/>
            </xsl:if>
          </p>
          <xsl:if test="string(.) != ''">
            <p class="pre-line"><xsl:value-of select="."/></p>
          </xsl:if>
          <xsl:if test="$files[@event = $eid]">
            <ul class="file-list">
              <xsl:for-each select="$files[@event = $eid]">
                <li class="file-list__item"><a href="{@href}"><xsl:value-of select="@name"/></a></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
