<?xml version="1.0" encoding="UTF-8"?>
<!-- The back office: a department's queue, one request with the actions
     its state allows, canned responses, the counter channel and the
     report of how requests arrive. Uses the shared templates of
     requests.xsl (status tag, values, files, history). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template name="staff-tabs">
    <xsl:param name="current"/>
    <nav class="tabs" aria-label="{dm:t('staff.tabs')}">
      <ul class="tabs__list">
        <li><a class="tabs__link" href="/staff/{@dept}">
          <xsl:if test="$current = 'queue'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:value-of select="dm:t('queue.title')"/></a></li>
        <li><a class="tabs__link" href="/staff/{@dept}/map">
          <xsl:if test="$current = 'map'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:value-of select="dm:t('staffmap.tab')"/></a></li>
        <li><a class="tabs__link" href="/staff/{@dept}/counter">
          <xsl:if test="$current = 'counter'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
          <xsl:value-of select="dm:t('counter.title')"/></a></li>
        <xsl:if test="@head">
          <li><a class="tabs__link" href="/staff/{@dept}/responses">
            <xsl:if test="$current = 'responses'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:value-of select="dm:t('responses.title')"/></a></li>
        </xsl:if>
        <xsl:for-each select="tab">
          <li><a class="tabs__link" href="{@href}">
            <xsl:if test="@current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:value-of select="@label"/></a></li>
        </xsl:for-each>
        <li><a class="tabs__link" href="/staff/reports"><xsl:value-of select="dm:t('reports.title')"/></a></li>
      </ul>
    </nav>
  </xsl:template>

  <!-- The queue, sorted by due date. -->
  <xsl:template match="content[@view = 'queue']">
    <span class="caption"><xsl:value-of select="dm:t('staff.title')"/></span>
    <h1><xsl:value-of select="@dept-name"/></h1>
    <xsl:call-template name="staff-tabs">
      <xsl:with-param name="current" select="'queue'"/>
    </xsl:call-template>
    <p class="counts">
      <strong><xsl:value-of select="counts/@open"/></strong>
      <xsl:text> </xsl:text><xsl:value-of select="dm:t(concat('queue.open', substring('.one', 1, 4 * number(counts/@open = 1))))"/>
      <xsl:text> · </xsl:text>
      <a href="/staff/{@dept}?overdue=1">
        <strong><xsl:value-of select="counts/@overdue"/></strong>
        <xsl:text> </xsl:text><xsl:value-of select="dm:t(concat('queue.overdue', substring('.one', 1, 4 * number(counts/@overdue = 1))))"/>
      </a>
    </p>
    <xsl:variable name="f" select="filters"/>
    <form class="filters" method="get" action="/staff/{@dept}" role="search">
      <div class="filters__row">
        <div class="form-group">
          <label class="label" for="q"><xsl:value-of select="dm:t('queue.search')"/></label>
          <div class="hint" id="q-hint"><xsl:value-of select="dm:t('queue.search.hint')"/></div>
          <input class="input" id="q" name="q" type="search" value="{$f/@q}" aria-describedby="q-hint"/>
        </div>
        <div class="form-group">
          <label class="label" for="status"><xsl:value-of select="dm:t('request.status')"/></label>
          <select class="select" id="status" name="status">
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'open'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'submitted'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'in_progress'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'awaiting_citizen'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'completed'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'rejected'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'withdrawn'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
            <xsl:call-template name="status-option">
              <xsl:with-param name="v" select="'all'"/>
              <xsl:with-param name="current" select="$f/@status"/>
            </xsl:call-template>
          </select>
        </div>
        <div class="form-group">
          <label class="label" for="service"><xsl:value-of select="dm:t('request.service')"/></label>
          <select class="select" id="service" name="service">
            <option value=""><xsl:value-of select="dm:t('queue.all_services')"/></option>
            <xsl:for-each select="$f/service">
              <option value="{@code}">
                <xsl:if test="$f/@service = @code"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@title"/>
              </option>
            </xsl:for-each>
          </select>
        </div>
        <div class="form-group">
          <label class="label" for="assigned"><xsl:value-of select="dm:t('queue.assigned')"/></label>
          <select class="select" id="assigned" name="assigned">
            <option value="all"><xsl:value-of select="dm:t('queue.assigned.all')"/></option>
            <option value="me">
              <xsl:if test="$f/@assigned = 'me'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="dm:t('queue.assigned.me')"/>
            </option>
            <option value="none">
              <xsl:if test="$f/@assigned = 'none'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="dm:t('queue.assigned.none')"/>
            </option>
          </select>
        </div>
      </div>
      <xsl:if test="columns/column[@filter != 'none']">
        <div class="filters__row">
          <xsl:apply-templates select="columns/column[@filter != 'none']" mode="filter"/>
        </div>
      </xsl:if>
      <xsl:if test="@sort"><input type="hidden" name="sort" value="{@sort}"/></xsl:if>
      <div class="choice">
        <input class="choice__input" id="overdue" name="overdue" type="checkbox" value="1">
          <xsl:if test="$f/@overdue"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label class="choice__label" for="overdue"><xsl:value-of select="dm:t('queue.only_overdue')"/></label>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('queue.filter')"/></button>
      </div>
    </form>
    <xsl:choose>
      <xsl:when test="requests/request">
        <table class="table table--queue">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('queue.title')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('request.protocol')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.service')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.applicant')"/></th>
              <xsl:apply-templates select="columns/column" mode="head"/>
              <th scope="col"><xsl:value-of select="dm:t('request.status')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('request.due')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('queue.assigned')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="requests/request">
              <tr>
                <xsl:if test="@overdue"><xsl:attribute name="class">row--overdue</xsl:attribute></xsl:if>
                <td data-label="{dm:t('request.protocol')}"><a href="/staff/{/page/content/@dept}/requests/{@id}"><xsl:value-of select="@protocol"/></a></td>
                <td data-label="{dm:t('request.service')}">
                  <xsl:value-of select="@title"/>
                  <xsl:if test="@channel != 'web'">
                    <br/><span class="muted"><xsl:value-of select="dm:t(concat('channel.', @channel))"/></span>
                  </xsl:if>
                </td>
                <td data-label="{dm:t('request.applicant')}">
                  <xsl:value-of select="@applicant"/>
                  <xsl:if test="@business">
                    <xsl:text> </xsl:text><strong class="tag tag--business"><xsl:value-of select="dm:t('queue.business')"/></strong>
                  </xsl:if>
                  <xsl:if test="@afm"><br/><span class="muted"><xsl:value-of select="dm:t('f.afm')"/><xsl:text> </xsl:text><xsl:value-of select="@afm"/></span></xsl:if>
                </td>
                <xsl:for-each select="cell">
                  <xsl:variable name="i" select="position()"/>
                  <td data-label="{/page/content/columns/column[$i]/@label}"><xsl:value-of select="."/></td>
                </xsl:for-each>
                <td data-label="{dm:t('request.status')}"><xsl:call-template name="status-tag"/></td>
                <td data-label="{dm:t('request.due')}"><xsl:value-of select="@due"/></td>
                <td data-label="{dm:t('queue.assigned')}">
                  <xsl:choose>
                    <xsl:when test="@assigned"><xsl:value-of select="@assigned"/></xsl:when>
                    <xsl:otherwise><span class="muted"><xsl:value-of select="dm:t('queue.unassigned')"/></span></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('queue.empty')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@next">
      <nav class="pager" aria-label="{dm:t('pager.label')}">
        <a href="{@next}" rel="next"><xsl:value-of select="dm:t('pager.next')"/></a>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A column the department's plugin declared: its header, a link that
       sorts by it when it may. -->
  <xsl:template match="column" mode="head">
    <th scope="col">
      <xsl:if test="@sorted">
        <xsl:attribute name="aria-sort"><xsl:value-of select="concat(@sorted, 'ending')"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="@sortable">
          <a href="{/page/content/@filtered}&amp;sort={substring('-', 1, number(@sorted = 'asc'))}{@field}">
            <xsl:value-of select="@label"/>
            <xsl:if test="@sorted"><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="dm:t(concat('queue.sorted.', @sorted))"/></span><xsl:value-of select="substring('↑↓', 1 + number(@sorted = 'desc'), 1)"/></xsl:if>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
      </xsl:choose>
    </th>
  </xsl:template>

  <!-- Its filter: one value (a choice, a date ...), a range, or a start. -->
  <xsl:template match="column" mode="filter">
    <xsl:variable name="input">
      <xsl:choose>
        <xsl:when test="@type = 'date'">date</xsl:when>
        <xsl:when test="@type = 'datetime'">datetime-local</xsl:when>
        <xsl:when test="@type = 'number'">number</xsl:when>
        <xsl:otherwise>text</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="form-group">
      <xsl:if test="@error"><xsl:attribute name="class">form-group form-group--error</xsl:attribute></xsl:if>
      <xsl:choose>
        <xsl:when test="@filter = 'range'">
          <fieldset class="fieldset">
            <legend class="label"><xsl:value-of select="@label"/></legend>
            <xsl:if test="@error"><p class="error-message" id="c-{@field}-error"><xsl:value-of select="dm:t('queue.filter.invalid')"/></p></xsl:if>
            <label class="label" for="c-{@field}-from"><xsl:value-of select="dm:t('queue.filter.from')"/></label>
            <input class="input" id="c-{@field}-from" name="c.{@field}.from" type="{$input}" value="{@from}"/>
            <label class="label" for="c-{@field}-to"><xsl:value-of select="dm:t('queue.filter.to')"/></label>
            <input class="input" id="c-{@field}-to" name="c.{@field}.to" type="{$input}" value="{@to}"/>
          </fieldset>
        </xsl:when>
        <xsl:when test="choice">
          <label class="label" for="c-{@field}"><xsl:value-of select="@label"/></label>
          <xsl:variable name="current" select="@value"/>
          <select class="select" id="c-{@field}" name="c.{@field}">
            <option value=""><xsl:value-of select="dm:t('queue.filter.any')"/></option>
            <xsl:for-each select="choice">
              <option value="{@value}">
                <xsl:if test="@value = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@label"/>
              </option>
            </xsl:for-each>
          </select>
        </xsl:when>
        <xsl:otherwise>
          <label class="label" for="c-{@field}"><xsl:value-of select="@label"/></label>
          <xsl:if test="@error"><p class="error-message" id="c-{@field}-error"><xsl:value-of select="dm:t('queue.filter.invalid')"/></p></xsl:if>
          <input class="input" id="c-{@field}" name="c.{@field}" type="{$input}" value="{@value}"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="status-option">
    <xsl:param name="v"/>
    <xsl:param name="current"/>
    <option value="{$v}">
      <xsl:if test="$current = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="dm:t(concat('queue.status.', $v))"/>
    </option>
  </xsl:template>

  <xsl:template match="content[@view = 'staff-request' and @error]" mode="error-summary">
    <xsl:call-template name="error-summary-text">
      <xsl:with-param name="title" select="@error"/>
    </xsl:call-template>
    <xsl:apply-templates select=".//form[@errors]" mode="error-summary"/>
  </xsl:template>

  <!-- One request, with what can be done now. -->
  <xsl:template match="content[@view = 'staff-request']">
    <xsl:variable name="base" select="concat('/staff/', @dept, '/requests/', @id)"/>
    <nav class="breadcrumbs" aria-label="{dm:t('breadcrumb.label')}">
      <ol>
        <li><a href="/staff"><xsl:value-of select="dm:t('staff.title')"/></a></li>
        <li><a href="/staff/{@dept}"><xsl:value-of select="@dept-name"/></a></li>
      </ol>
    </nav>
    <span class="caption"><xsl:value-of select="service/@title"/></span>
    <h1><xsl:value-of select="dm:t('request.title')"/><xsl:text> </xsl:text><xsl:value-of select="@protocol"/></h1>
    <xsl:if test="@done">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t(concat('staff.done.', @done))"/></p></div>
    </xsl:if>
    <xsl:if test="service/@confidential">
      <div class="notice" role="note"><p><xsl:value-of select="dm:t('staff.confidential')"/></p></div>
    </xsl:if>
    <div class="columns">
      <div class="columns__main">
        <xsl:call-template name="request-summary"/>
        <h2><xsl:value-of select="dm:t('request.applicant')"/></h2>
        <dl class="summary-list">
          <xsl:choose>
            <xsl:when test="applicant/@kind = 'business'">
              <div class="summary-list__row"><dt><xsl:value-of select="dm:t('f.company_name')"/></dt><dd><xsl:value-of select="applicant/@name"/></dd></div>
            </xsl:when>
            <xsl:otherwise>
              <div class="summary-list__row"><dt><xsl:value-of select="dm:t('staff.name')"/></dt><dd><xsl:value-of select="applicant/@name"/></dd></div>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="applicant/@kind">
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('staff.applicant_kind')"/></dt><dd class="applicant-kind"><xsl:value-of select="dm:t(concat('staff.applicant_kind.', applicant/@kind, substring('_verified', 1, 9 * boolean(applicant/@verified))))"/></dd></div>
          </xsl:if>
          <xsl:if test="applicant/@legal-rep">
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('f.legal_rep')"/></dt><dd><xsl:value-of select="applicant/@legal-rep"/></dd></div>
          </xsl:if>
          <xsl:if test="applicant/@afm">
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('f.afm')"/></dt><dd><xsl:value-of select="applicant/@afm"/></dd></div>
          </xsl:if>
          <xsl:if test="applicant/@email">
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('f.email')"/></dt><dd><xsl:value-of select="applicant/@email"/></dd></div>
          </xsl:if>
          <xsl:if test="applicant/@phone">
            <div class="summary-list__row"><dt><xsl:value-of select="dm:t('f.phone')"/></dt><dd><xsl:value-of select="applicant/@phone"/></dd></div>
          </xsl:if>
        </dl>
        <h2><xsl:value-of select="dm:t('request.details')"/></h2>
        <xsl:call-template name="values-list"/>
        <xsl:call-template name="outcome-section"/>
        <xsl:apply-templates select="place" mode="staff"/>
        <h2><xsl:value-of select="dm:t('request.files')"/></h2>
        <xsl:call-template name="files-list"/>
        <xsl:if test="@report and files/file[@thumb and not(@internal)]">
          <h3><xsl:value-of select="dm:t('staff.public_photos')"/></h3>
          <ul class="list">
            <xsl:for-each select="files/file[@thumb and not(@internal)]">
              <li>
                <form method="post" action="{$base}/files/{@id}/public" class="form form--inline">
                  <input type="hidden" name="csrf" value="{/page/content/@csrf}"/>
                  <xsl:value-of select="@name"/><xsl:text>: </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@public">
                      <xsl:value-of select="dm:t('staff.photo.public')"/><xsl:text> </xsl:text>
                      <input type="hidden" name="public" value="0"/>
                      <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('staff.photo.hide')"/><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></button>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="dm:t('staff.photo.private')"/><xsl:text> </xsl:text>
                      <input type="hidden" name="public" value="1"/>
                      <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('staff.photo.show')"/><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></button>
                    </xsl:otherwise>
                  </xsl:choose>
                </form>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <p><a href="{$base}/receipt"><xsl:value-of select="dm:t('request.receipt')"/></a></p>
        <xsl:if test="panel/* ">
          <h2>
            <xsl:choose>
              <xsl:when test="panel/@title"><xsl:value-of select="panel/@title"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="dm:t('staff.panel')"/></xsl:otherwise>
            </xsl:choose>
          </h2>
          <xsl:apply-templates select="panel"/>
        </xsl:if>
        <xsl:if test="documents/document">
          <h2><xsl:value-of select="dm:t('staff.documents')"/></h2>
          <xsl:apply-templates select="documents/document" mode="staff"/>
        </xsl:if>
        <h2><xsl:value-of select="dm:t('request.history')"/></h2>
        <xsl:call-template name="history-list"/>
      </div>
      <div class="columns__side">
        <h2><xsl:value-of select="dm:t('staff.actions')"/></h2>
        <xsl:apply-templates select="actions/action">
          <xsl:with-param name="base" select="$base"/>
        </xsl:apply-templates>
        <xsl:if test="not(actions/action)">
          <p><xsl:value-of select="dm:t('staff.no_actions')"/></p>
        </xsl:if>
        <xsl:if test="@merged-into">
          <div class="notice" role="note"><p><xsl:value-of select="dm:t('merge.merged_into')"/><xsl:text> </xsl:text><a href="/staff/{@dept}/requests/{@merged-into}"><xsl:value-of select="@merged-protocol"/></a></p></div>
        </xsl:if>
        <xsl:if test="@public">
          <p><a href="/reports/{@id}"><xsl:value-of select="dm:t('staff.public_page')"/></a>
          <xsl:if test="@followers &gt; 0"><xsl:text> · </xsl:text><xsl:value-of select="dm:t('public.followers')"/><xsl:text>: </xsl:text><xsl:value-of select="@followers"/></xsl:if></p>
          <form method="post" action="{$base}/merge" class="form">
            <input type="hidden" name="csrf" value="{/page/content/@csrf}"/>
            <h3><label for="merge-into"><xsl:value-of select="dm:t('merge.title')"/></label></h3>
            <p class="hint" id="merge-hint"><xsl:value-of select="dm:t('merge.hint')"/></p>
            <input class="input input--short" type="text" id="merge-into" name="into" aria-describedby="merge-hint" inputmode="numeric" pattern="[0-9]+/[0-9]{{4}}" maxlength="16"/>
            <div class="form-actions">
              <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('merge.submit')"/></button>
            </div>
          </form>
        </xsl:if>
      </div>
    </div>
  </xsl:template>

  <!-- The plugin's panel: notes, records a certificate can be issued
       from, and elements of the plugin's own (named "<plugin>-...") that
       its stylesheet renders in mode "panel"; its outcome (the preview
       hook) in the same words. -->
  <xsl:template match="panel | outcome">
    <xsl:for-each select="note">
      <div class="notice">
        <xsl:if test="@kind = 'warning'"><xsl:attribute name="class">notice notice--warning</xsl:attribute></xsl:if>
        <p><xsl:value-of select="."/></p>
      </div>
    </xsl:for-each>
    <xsl:for-each select="record">
      <div class="record">
        <h3 class="record__title"><xsl:value-of select="@label"/></h3>
        <dl class="summary-list summary-list--compact">
          <xsl:for-each select="field">
            <div class="summary-list__row"><dt><xsl:value-of select="@label"/></dt><dd><xsl:value-of select="."/></dd></div>
          </xsl:for-each>
        </dl>
      </div>
    </xsl:for-each>
    <xsl:apply-templates select="*[not(self::note or self::record)]" mode="panel"/>
  </xsl:template>

  <xsl:template match="document" mode="staff">
    <div class="record">
      <h3 class="record__title"><xsl:value-of select="@title"/></h3>
      <dl class="summary-list summary-list--compact">
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.code')"/></dt><dd><span class="code"><xsl:value-of select="@code"/></span></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.issued')"/></dt><dd>
          <xsl:value-of select="@issued"/>
          <xsl:if test="@automatic"> · <xsl:value-of select="dm:t('document.automatic')"/></xsl:if>
        </dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('document.status')"/></dt><dd>
          <xsl:value-of select="dm:t(concat('document.status.', @status))"/>
          <xsl:if test="@status = 'revoked'"> · <xsl:value-of select="@revoked"/> · <xsl:value-of select="@reason"/></xsl:if>
        </dd></div>
      </dl>
      <p><a href="{@verify}"><xsl:value-of select="dm:t('document.verify_link')"/></a></p>
      <xsl:if test="@status = 'valid'">
        <details class="details">
          <summary class="details__summary"><xsl:value-of select="dm:t('document.revoke')"/></summary>
          <div class="details__text">
            <form method="post" action="/staff/{/page/content/@dept}/documents/{@id}/revoke" class="form">
              <input type="hidden" name="csrf" value="{/page/content/@csrf}"/>
              <div class="form-group">
                <label class="label" for="reason-{@id}"><xsl:value-of select="dm:t('f.revoke_reason')"/></label>
                <div class="hint" id="reason-{@id}-hint"><xsl:value-of select="dm:t('f.revoke_reason.hint')"/></div>
                <textarea class="textarea" id="reason-{@id}" name="reason" rows="3" required="required" aria-describedby="reason-{@id}-hint"></textarea>
              </div>
              <button type="submit" class="button button--warning"><xsl:value-of select="dm:t('document.revoke.submit')"/></button>
            </form>
          </div>
        </details>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Each action is a small form of its own. -->
  <xsl:template match="action">
    <xsl:param name="base"/>
    <xsl:variable name="c" select="/page/content"/>
    <xsl:variable name="n" select="@name"/>
    <xsl:choose>
      <!-- One-click actions stay open; those with text fold away. -->
      <xsl:when test="$n = 'assign' or $n = 'start'">
        <section class="action" aria-labelledby="act-{$n}">
          <h3 class="action__title" id="act-{$n}"><xsl:value-of select="dm:t(concat('staff.action.', $n))"/></h3>
          <xsl:call-template name="action-form">
            <xsl:with-param name="base" select="$base"/>
          </xsl:call-template>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <details class="action action--fold" id="act-{$n}">
          <xsl:if test="$n = 'complete' or $n = 'issue'">
            <xsl:attribute name="open">open</xsl:attribute>
          </xsl:if>
          <summary class="action__summary"><xsl:value-of select="dm:t(concat('staff.action.', $n))"/></summary>
          <p class="hint"><xsl:value-of select="dm:t(concat('staff.action.', $n, '.hint'))"/></p>
          <xsl:call-template name="action-form">
            <xsl:with-param name="base" select="$base"/>
          </xsl:call-template>
        </details>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="action-form">
    <xsl:param name="base"/>
    <xsl:variable name="c" select="/page/content"/>
    <xsl:variable name="n" select="@name"/>
      <form method="post" action="{$base}/{$n}" class="form">
        <xsl:if test="$n = 'ask' or $n = 'message' or $n = 'note' or $n = 'complete' or $n = 'reject'">
          <xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
        </xsl:if>
        <input type="hidden" name="csrf" value="{$c/@csrf}"/>
        <xsl:choose>
          <xsl:when test="$n = 'assign'">
            <div class="form-group">
              <label class="label" for="to-{$n}"><xsl:value-of select="dm:t('staff.assign_to')"/></label>
              <select class="select" id="to-{$n}" name="to">
                <option value="me"><xsl:value-of select="dm:t('staff.assign.me')"/></option>
                <xsl:for-each select="$c/colleagues/colleague">
                  <option value="{@id}"><xsl:value-of select="@name"/></option>
                </xsl:for-each>
                <option value=""><xsl:value-of select="dm:t('staff.assign.nobody')"/></option>
              </select>
            </div>
          </xsl:when>
          <xsl:when test="$n = 'issue'">
            <xsl:choose>
              <xsl:when test="$c/panel/record">
                <fieldset class="fieldset">
                  <legend class="fieldset__legend"><xsl:value-of select="dm:t('staff.issue.record')"/></legend>
                  <div class="choices">
                    <xsl:for-each select="$c/panel/record">
                      <div class="choice">
                        <input class="choice__input" type="radio" name="record" id="record-{position()}" value="{@ref}">
                          <xsl:if test="position() = 1"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                        </input>
                        <label class="choice__label" for="record-{position()}"><xsl:value-of select="@label"/></label>
                      </div>
                    </xsl:for-each>
                  </div>
                </fieldset>
              </xsl:when>
              <xsl:otherwise><p><xsl:value-of select="dm:t('staff.issue.no_records')"/></p></xsl:otherwise>
            </xsl:choose>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="$n = 'ask' or $n = 'message' or $n = 'note' or $n = 'complete' or $n = 'reject' or $n = 'issue'">
          <xsl:if test="$n != 'note' and $c/responses/response">
            <div class="form-group">
              <label class="label" for="canned-{$n}"><xsl:value-of select="dm:t('staff.canned')"/></label>
              <select class="select" id="canned-{$n}" name="canned">
                <option value=""><xsl:value-of select="dm:t('staff.canned.none')"/></option>
                <xsl:for-each select="$c/responses/response">
                  <option value="{@id}"><xsl:value-of select="@title"/></option>
                </xsl:for-each>
              </select>
            </div>
          </xsl:if>
          <div class="form-group">
            <label class="label" for="text-{$n}"><xsl:value-of select="dm:t(concat('staff.text.', $n))"/></label>
            <textarea class="textarea" id="text-{$n}" name="text" rows="4"></textarea>
          </div>
        </xsl:if>
        <xsl:if test="$n = 'complete'">
          <div class="form-group">
            <label class="label" for="document-{$n}"><xsl:value-of select="dm:t('staff.document')"/></label>
            <div class="hint" id="document-{$n}-hint"><xsl:value-of select="dm:t('staff.document.hint')"/></div>
            <div class="file-pick">
              <span class="file-pick__control">
                <input class="file-pick__input" id="document-{$n}" name="document" type="file" accept=".pdf,application/pdf" aria-describedby="document-{$n}-hint"/>
                <xsl:call-template name="file-pick-button"/>
              </span>
              <xsl:call-template name="file-pick-names"/>
            </div>
          </div>
        </xsl:if>
        <xsl:if test="$n = 'ask' or $n = 'message' or $n = 'note' or $n = 'complete'">
          <div class="form-group">
            <label class="label" for="files-{$n}"><xsl:value-of select="dm:t('staff.files')"/></label>
            <div class="file-pick">
              <span class="file-pick__control">
                <input class="file-pick__input" id="files-{$n}" name="files" type="file" multiple="multiple"
                       accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"/>
                <xsl:call-template name="file-pick-button">
                  <xsl:with-param name="multiple" select="true()"/>
                </xsl:call-template>
              </span>
              <xsl:call-template name="file-pick-names"/>
            </div>
          </div>
        </xsl:if>
        <button type="submit">
          <xsl:attribute name="class">
            <xsl:text>button</xsl:text>
            <xsl:if test="$n = 'reject'"> button--warning</xsl:if>
            <xsl:if test="$n = 'note' or $n = 'assign'"> button--secondary</xsl:if>
          </xsl:attribute>
          <xsl:value-of select="dm:t(concat('staff.action.', $n, '.submit'))"/>
        </button>
      </form>
  </xsl:template>

  <!-- Canned responses of the department. -->
  <xsl:template match="content[@view = 'responses']">
    <span class="caption"><xsl:value-of select="@dept-name"/></span>
    <h1><xsl:value-of select="dm:t('responses.title')"/></h1>
    <xsl:call-template name="staff-tabs">
      <xsl:with-param name="current" select="'responses'"/>
    </xsl:call-template>
    <p class="lead"><xsl:value-of select="dm:t('responses.lead')"/></p>
    <xsl:variable name="c" select="."/>
    <xsl:choose>
      <xsl:when test="responses/response">
        <xsl:for-each select="responses/response">
          <div class="record">
            <h2 class="record__title"><xsl:value-of select="@title"/></h2>
            <p class="pre-line"><xsl:value-of select="."/></p>
            <form method="post" action="/staff/{$c/@dept}/responses/{@id}/delete" class="inline-form">
              <input type="hidden" name="csrf" value="{$c/@csrf}"/>
              <button type="submit" class="button button--secondary button--small">
                <xsl:value-of select="dm:t('responses.delete')"/>
                <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@title"/></span>
              </button>
            </form>
          </div>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('responses.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <h2><xsl:value-of select="dm:t('responses.add')"/></h2>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- The department's open requests with a point: a map (JavaScript)
       over the same as a list. -->
  <xsl:template match="content[@view = 'staff-map']">
    <span class="caption"><xsl:value-of select="dm:t('staff.title')"/></span>
    <h1><xsl:value-of select="@dept-name"/></h1>
    <xsl:call-template name="staff-tabs">
      <xsl:with-param name="current" select="'map'"/>
    </xsl:call-template>
    <h2><xsl:value-of select="dm:t('staffmap.title')"/></h2>
    <xsl:apply-templates select="map"/>
    <xsl:choose>
      <xsl:when test="requests/request">
        <div class="table-scroll" tabindex="0" role="region" aria-label="{dm:t('staffmap.title')}">
          <table class="table">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="dm:t('request.protocol')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('request.service')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('request.status')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('staff.place')"/></th>
                <th scope="col"><xsl:value-of select="dm:t('request.submitted')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="requests/request">
                <tr>
                  <td><a href="/staff/{../../@dept}/requests/{@id}"><xsl:value-of select="@protocol"/></a></td>
                  <td><xsl:value-of select="@title"/></td>
                  <td><xsl:value-of select="dm:t(concat('status.', @status))"/><xsl:if test="@overdue"><xsl:text> · </xsl:text><xsl:value-of select="dm:t('status.overdue')"/></xsl:if></td>
                  <td><xsl:value-of select="@address"/><xsl:if test="@settlement">, <xsl:value-of select="@settlement"/></xsl:if><br/><span class="muted"><xsl:value-of select="@lat"/>, <xsl:value-of select="@lon"/></span></td>
                  <td><xsl:value-of select="@date"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('staffmap.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@next"><p><a href="{@next}" rel="next"><xsl:value-of select="dm:t('public.older')"/></a></p></xsl:if>
  </xsl:template>

  <!-- The counter channel: step one (who and what), step two (the form). -->
  <xsl:template match="content[@view = 'counter']">
    <span class="caption"><xsl:value-of select="@dept-name"/></span>
    <h1><xsl:value-of select="dm:t('counter.title')"/></h1>
    <xsl:call-template name="staff-tabs">
      <xsl:with-param name="current" select="'counter'"/>
    </xsl:call-template>
    <p class="lead"><xsl:value-of select="dm:t('counter.lead')"/></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="content[@view = 'counter-form']">
    <span class="caption"><xsl:value-of select="@dept-name"/> · <xsl:value-of select="dm:t(concat('channel.', @channel))"/></span>
    <h1><xsl:value-of select="service/@title"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('counter.form.lead')"/></p>
    <xsl:if test="files/file">
      <h2><xsl:value-of select="dm:t('request.files.kept')"/></h2>
      <xsl:call-template name="files-list"/>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- The dashboard: how requests arrive against the municipality's target
       (electronic share), how they are handled, where the next points of
       electronic share will come from. Each chart is drawn here as SVG and
       followed by its table; each table downloads as CSV. -->
  <xsl:template match="content[@view = 'reports']">
    <xsl:variable name="target" select="number(@target)"/>
    <xsl:variable name="q" select="@query"/>
    <span class="caption"><xsl:value-of select="dm:t('staff.title')"/></span>
    <h1><xsl:value-of select="dm:t('reports.title')"/></h1>
    <p class="lead">
      <xsl:value-of select="dm:t('reports.lead')"/><xsl:text> </xsl:text>
      <strong><xsl:value-of select="@target"/><xsl:text> %</xsl:text></strong>
    </p>
    <xsl:if test="errors/error">
      <div class="error-summary" role="alert" tabindex="-1">
        <h2 class="error-summary__title"><xsl:value-of select="dm:t('form.errors')"/></h2>
        <ul>
          <xsl:for-each select="errors/error">
            <li><a href="#{substring-before(concat(@field, '-'), '-')}"><xsl:value-of select="dm:t(concat('dash.error.', @field))"/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <form class="filters dash-filters" method="get" action="/staff/reports" role="search">
      <div class="filters__row">
        <div class="form-group">
          <label class="label" for="from"><xsl:value-of select="dm:t('dash.from')"/></label>
          <xsl:if test="errors/error[@field = 'from']">
            <p class="error-message" id="from-error"><xsl:value-of select="dm:t('dash.error.from')"/></p>
          </xsl:if>
          <input class="input" id="from" name="from" type="date" value="{@from}">
            <xsl:if test="errors/error[@field = 'from']"><xsl:attribute name="aria-describedby">from-error</xsl:attribute><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </div>
        <div class="form-group">
          <label class="label" for="to"><xsl:value-of select="dm:t('dash.to')"/></label>
          <xsl:if test="errors/error[starts-with(@field, 'to')]">
            <p class="error-message" id="to-error"><xsl:value-of select="dm:t(concat('dash.error.', errors/error[starts-with(@field, 'to')]/@field))"/></p>
          </xsl:if>
          <input class="input" id="to" name="to" type="date" value="{@to}">
            <xsl:if test="errors/error[starts-with(@field, 'to')]"><xsl:attribute name="aria-describedby">to-error</xsl:attribute><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
          </input>
        </div>
        <div class="form-group">
          <label class="label" for="dept"><xsl:value-of select="dm:t('dash.col.dept')"/></label>
          <select class="select" id="dept" name="dept">
            <option value=""><xsl:value-of select="dm:t('dash.all_depts')"/></option>
            <xsl:variable name="cur" select="@dept"/>
            <xsl:for-each select="departments-all/dept">
              <option value="{@code}">
                <xsl:if test="@code = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
          </select>
        </div>
        <div class="form-group">
          <button class="button" type="submit"><xsl:value-of select="dm:t('dash.show')"/></button>
        </div>
      </div>
    </form>

    <h2><xsl:value-of select="dm:t('dash.summary')"/></h2>
    <xsl:for-each select="total">
      <dl class="summary-list dash-summary">
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.submitted')"/></dt><dd><xsl:value-of select="@submitted"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('reports.share')"/></dt>
          <dd>
            <xsl:value-of select="@share"/><xsl:text> % </xsl:text>
            <xsl:call-template name="dash-goal"><xsl:with-param name="share" select="@share"/><xsl:with-param name="target" select="$target"/><xsl:with-param name="n" select="@submitted"/></xsl:call-template>
          </dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.completed')"/></dt><dd><xsl:value-of select="@completed"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.sla')"/></dt><dd><xsl:value-of select="@sla-kept"/> / <xsl:value-of select="@sla-kept + @sla-missed"/> (<xsl:value-of select="@sla-share"/> %)</dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.median')"/></dt><dd><xsl:value-of select="@median"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.p90')"/></dt><dd><xsl:value-of select="@p90"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.backlog')"/></dt><dd><xsl:value-of select="@backlog"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.overdue')"/></dt><dd><xsl:value-of select="@overdue"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.rating')"/></dt><dd><xsl:value-of select="@rating"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.certs')"/></dt><dd><xsl:value-of select="@cert-auto"/><xsl:text> </xsl:text><xsl:value-of select="dm:t('dash.col.cert_auto')"/> · <xsl:value-of select="@cert-clerk"/><xsl:text> </xsl:text><xsl:value-of select="dm:t('dash.col.cert_clerk')"/></dd></div>
      </dl>
    </xsl:for-each>

    <h2 id="months-title"><xsl:value-of select="dm:t('dash.months')"/></h2>
    <xsl:choose>
      <xsl:when test="months/row">
        <xsl:call-template name="dash-share-chart">
          <xsl:with-param name="rows" select="months/row"/>
          <xsl:with-param name="target" select="$target"/>
        </xsl:call-template>
        <xsl:call-template name="dash-volume-chart">
          <xsl:with-param name="rows" select="months/row"/>
        </xsl:call-template>
        <xsl:call-template name="dash-table">
          <xsl:with-param name="rows" select="months/row"/>
          <xsl:with-param name="table" select="'months'"/>
          <xsl:with-param name="head" select="dm:t('reports.month')"/>
          <xsl:with-param name="target" select="$target"/>
          <xsl:with-param name="q" select="$q"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('reports.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h2><xsl:value-of select="dm:t('dash.by_dept')"/></h2>
    <xsl:call-template name="dash-table">
      <xsl:with-param name="rows" select="departments/row"/>
      <xsl:with-param name="table" select="'departments'"/>
      <xsl:with-param name="head" select="dm:t('dash.col.dept')"/>
      <xsl:with-param name="target" select="$target"/>
      <xsl:with-param name="q" select="$q"/>
    </xsl:call-template>

    <h2><xsl:value-of select="dm:t('dash.by_service')"/></h2>
    <xsl:call-template name="dash-table">
      <xsl:with-param name="rows" select="services/row"/>
      <xsl:with-param name="table" select="'services'"/>
      <xsl:with-param name="head" select="dm:t('dash.col.service')"/>
      <xsl:with-param name="target" select="$target"/>
      <xsl:with-param name="q" select="$q"/>
    </xsl:call-template>

    <h2 id="counter-title"><xsl:value-of select="dm:t('dash.counter')"/></h2>
    <p><xsl:value-of select="dm:t('dash.counter.lead')"/></p>
    <xsl:variable name="offline" select="services/row[@submitted &gt; 0 and @share &lt; $target]"/>
    <xsl:choose>
      <xsl:when test="$offline">
        <table class="table table--numbers dash-counter">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('dash.counter')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('dash.col.service')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('dash.col.dept')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('dash.col.offline')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('reports.total')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('reports.share')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$offline">
              <xsl:sort select="@offline" data-type="number" order="descending"/>
              <tr>
                <th scope="row"><xsl:value-of select="@name"/></th>
                <td data-label="{dm:t('dash.col.dept')}"><xsl:value-of select="@dept-name"/></td>
                <td data-label="{dm:t('dash.col.offline')}"><xsl:value-of select="@offline"/></td>
                <td data-label="{dm:t('reports.total')}"><xsl:value-of select="@submitted"/></td>
                <td data-label="{dm:t('reports.share')}"><xsl:value-of select="@share"/><xsl:text> %</xsl:text></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('dash.counter.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The municipality's figures for everyone (aggregates only). -->
  <xsl:template match="content[@view = 'statistics']">
    <xsl:variable name="target" select="number(@target)"/>
    <h1><xsl:value-of select="dm:t('stats.title')"/></h1>
    <p class="lead">
      <xsl:value-of select="dm:t('reports.lead')"/><xsl:text> </xsl:text>
      <strong><xsl:value-of select="@target"/><xsl:text> %</xsl:text></strong>
    </p>
    <p><xsl:value-of select="dm:t('stats.period')"/><xsl:text> </xsl:text><xsl:value-of select="@from"/> – <xsl:value-of select="@to"/></p>
    <xsl:for-each select="total">
      <dl class="summary-list dash-summary">
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.submitted')"/></dt><dd><xsl:value-of select="@submitted"/></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('reports.share')"/></dt><dd><xsl:value-of select="@share"/><xsl:text> %</xsl:text></dd></div>
        <div class="summary-list__row"><dt><xsl:value-of select="dm:t('dash.col.completed')"/></dt><dd><xsl:value-of select="@completed"/></dd></div>
      </dl>
    </xsl:for-each>
    <h2><xsl:value-of select="dm:t('dash.months')"/></h2>
    <xsl:choose>
      <xsl:when test="months/row">
        <xsl:call-template name="dash-share-chart">
          <xsl:with-param name="rows" select="months/row"/>
          <xsl:with-param name="target" select="$target"/>
        </xsl:call-template>
        <xsl:call-template name="dash-volume-chart">
          <xsl:with-param name="rows" select="months/row"/>
        </xsl:call-template>
        <xsl:call-template name="stats-table">
          <xsl:with-param name="rows" select="months/row"/>
          <xsl:with-param name="head" select="dm:t('reports.month')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('reports.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <h2><xsl:value-of select="dm:t('dash.by_dept')"/></h2>
    <xsl:call-template name="stats-table">
      <xsl:with-param name="rows" select="departments/row"/>
      <xsl:with-param name="head" select="dm:t('dash.col.dept')"/>
    </xsl:call-template>
    <h2><xsl:value-of select="dm:t('stats.open_data')"/></h2>
    <ul class="list">
      <li><a href="/statistics.csv"><xsl:value-of select="dm:t('stats.csv')"/></a></li>
      <li><a href="/statistics.json"><xsl:value-of select="dm:t('stats.json')"/></a></li>
    </ul>
  </xsl:template>

  <!-- Where a request is: the address, settlement, point; a map with
       JavaScript. -->
  <xsl:template match="place" mode="staff">
    <h2><xsl:value-of select="dm:t('staff.place')"/></h2>
    <dl class="summary-list">
      <xsl:if test="@address"><div class="summary-list__row"><dt><xsl:value-of select="dm:t('staff.place.address')"/></dt><dd><xsl:value-of select="@address"/></dd></div></xsl:if>
      <xsl:if test="@settlement"><div class="summary-list__row"><dt><xsl:value-of select="dm:t('public.settlement')"/></dt><dd><xsl:value-of select="@settlement"/></dd></div></xsl:if>
      <xsl:if test="@lat"><div class="summary-list__row"><dt><xsl:value-of select="dm:t('public.place')"/></dt><dd><xsl:value-of select="@lat"/>, <xsl:value-of select="@lon"/></dd></div></xsl:if>
    </dl>
    <xsl:apply-templates select="map"/>
  </xsl:template>

  <xsl:template name="stats-table">
    <xsl:param name="rows"/>
    <xsl:param name="head"/>
    <div class="table-scroll" tabindex="0" role="region" aria-label="{$head}">
      <table class="table table--numbers dash-table">
        <caption class="visually-hidden"><xsl:value-of select="$head"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="$head"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.web')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.counter')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.phone')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.mail')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('reports.total')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('reports.share')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.completed')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.median')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.p90')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <tr>
              <th scope="row"><xsl:value-of select="@name"/></th>
              <td><xsl:value-of select="@web"/></td>
              <td><xsl:value-of select="@counter"/></td>
              <td><xsl:value-of select="@phone"/></td>
              <td><xsl:value-of select="@mail"/></td>
              <td><xsl:value-of select="@submitted"/></td>
              <td><xsl:value-of select="@share"/><xsl:text> %</xsl:text></td>
              <td><xsl:value-of select="@completed"/></td>
              <td><xsl:value-of select="@median"/></td>
              <td><xsl:value-of select="@p90"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="dash-goal">
    <xsl:param name="share"/>
    <xsl:param name="target"/>
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:choose>
        <xsl:when test="$share &gt;= $target"><strong class="tag tag--green"><xsl:value-of select="dm:t('reports.goal_met')"/></strong></xsl:when>
        <xsl:otherwise><strong class="tag tag--yellow"><xsl:value-of select="dm:t('reports.goal_not_met')"/></strong></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Electronic share per month (bars, 0-100 %) and the target (a dashed
       line). The table after it holds the same figures. -->
  <xsl:template name="dash-share-chart">
    <xsl:param name="rows"/>
    <xsl:param name="target"/>
    <xsl:variable name="n" select="count($rows)"/>
    <xsl:variable name="w" select="floor(600 div ($n + number($n &lt; 8) * (8 - $n)))"/>
    <figure class="chart">
      <svg class="chart__svg" viewBox="0 0 680 250" role="img" aria-labelledby="chart-share-title" xmlns="http://www.w3.org/2000/svg">
        <title id="chart-share-title"><xsl:value-of select="dm:t('dash.chart.share')"/></title>
        <line x1="60" y1="210" x2="660" y2="210" stroke="#0b0c0c"/>
        <text x="52" y="214" text-anchor="end" font-size="12">0 %</text>
        <text x="52" y="14" text-anchor="end" font-size="12">100 %</text>
        <xsl:for-each select="$rows">
          <xsl:variable name="h" select="@share * 2"/>
          <xsl:variable name="x" select="60 + (position() - 1) * $w"/>
          <rect x="{$x + 4}" y="{210 - $h}" width="{$w - 8}" height="{$h}">
            <xsl:attribute name="fill"><xsl:choose><xsl:when test="@share &gt;= $target">#00703c</xsl:when><xsl:otherwise>#1d70b8</xsl:otherwise></xsl:choose></xsl:attribute>
          </rect>
          <text x="{$x + $w div 2}" y="{205 - $h}" text-anchor="middle" font-size="11"><xsl:value-of select="@share"/></text>
          <text x="{$x + $w div 2}" y="228" text-anchor="middle" font-size="11"><xsl:value-of select="concat(substring(@key, 6, 2), '/', substring(@key, 3, 2))"/></text>
        </xsl:for-each>
        <line x1="60" y1="{210 - $target * 2}" x2="660" y2="{210 - $target * 2}" stroke="#d4351c" stroke-width="2" stroke-dasharray="6 4"/>
        <text x="664" y="{214 - $target * 2}" font-size="12" fill="#d4351c" text-anchor="end" dy="-6"><xsl:value-of select="dm:t('dash.target')"/><xsl:text> </xsl:text><xsl:value-of select="$target"/> %</text>
      </svg>
      <figcaption><xsl:value-of select="dm:t('dash.chart.share')"/></figcaption>
    </figure>
  </xsl:template>

  <!-- Requests per month, stacked by channel. -->
  <xsl:template name="dash-volume-chart">
    <xsl:param name="rows"/>
    <xsl:variable name="n" select="count($rows)"/>
    <xsl:variable name="w" select="floor(600 div ($n + number($n &lt; 8) * (8 - $n)))"/>
    <xsl:variable name="max">
      <xsl:for-each select="$rows">
        <xsl:sort select="@submitted" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@submitted"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="k" select="200 div ($max + number($max = 0))"/>
    <figure class="chart">
      <svg class="chart__svg" viewBox="0 0 680 270" role="img" aria-labelledby="chart-volume-title" xmlns="http://www.w3.org/2000/svg">
        <title id="chart-volume-title"><xsl:value-of select="dm:t('dash.chart.volume')"/></title>
        <line x1="60" y1="210" x2="660" y2="210" stroke="#0b0c0c"/>
        <text x="52" y="214" text-anchor="end" font-size="12">0</text>
        <text x="52" y="14" text-anchor="end" font-size="12"><xsl:value-of select="$max"/></text>
        <xsl:for-each select="$rows">
          <xsl:variable name="x" select="60 + (position() - 1) * $w + 4"/>
          <xsl:variable name="hw" select="@web * $k"/>
          <xsl:variable name="hc" select="@counter * $k"/>
          <xsl:variable name="hp" select="@phone * $k"/>
          <xsl:variable name="hm" select="@mail * $k"/>
          <rect x="{$x}" y="{210 - $hw}" width="{$w - 8}" height="{$hw}" fill="#1d70b8"/>
          <rect x="{$x}" y="{210 - $hw - $hc}" width="{$w - 8}" height="{$hc}" fill="#f47738"/>
          <rect x="{$x}" y="{210 - $hw - $hc - $hp}" width="{$w - 8}" height="{$hp}" fill="#912b88"/>
          <rect x="{$x}" y="{210 - $hw - $hc - $hp - $hm}" width="{$w - 8}" height="{$hm}" fill="#505a5f"/>
          <text x="{$x + ($w - 8) div 2}" y="228" text-anchor="middle" font-size="11"><xsl:value-of select="concat(substring(@key, 6, 2), '/', substring(@key, 3, 2))"/></text>
        </xsl:for-each>
        <rect x="60" y="246" width="12" height="12" fill="#1d70b8"/>
        <text x="76" y="257" font-size="12"><xsl:value-of select="dm:t('channel.web')"/></text>
        <rect x="210" y="246" width="12" height="12" fill="#f47738"/>
        <text x="226" y="257" font-size="12"><xsl:value-of select="dm:t('channel.counter')"/></text>
        <rect x="360" y="246" width="12" height="12" fill="#912b88"/>
        <text x="376" y="257" font-size="12"><xsl:value-of select="dm:t('channel.phone')"/></text>
        <rect x="510" y="246" width="12" height="12" fill="#505a5f"/>
        <text x="526" y="257" font-size="12"><xsl:value-of select="dm:t('channel.mail')"/></text>
      </svg>
      <figcaption><xsl:value-of select="dm:t('dash.chart.volume')"/></figcaption>
    </figure>
  </xsl:template>

  <!-- One table of the dashboard, with its CSV. -->
  <xsl:template name="dash-table">
    <xsl:param name="rows"/>
    <xsl:param name="table"/>
    <xsl:param name="head"/>
    <xsl:param name="target"/>
    <xsl:param name="q"/>
    <div class="table-scroll" tabindex="0" role="region" aria-label="{$head}">
      <table class="table table--numbers dash-table" id="table-{$table}">
        <caption class="visually-hidden"><xsl:value-of select="$head"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="$head"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.web')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.counter')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.phone')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('channel.mail')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('reports.total')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('reports.share')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.completed')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.sla_kept')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.sla_missed')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.median')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.p90')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.backlog')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.overdue')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.cert_auto')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.cert_clerk')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('dash.col.rating')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <tr data-key="{@key}">
              <th scope="row">
                <xsl:value-of select="@name"/>
                <xsl:if test="@dept-name"><span class="hint"><xsl:text> · </xsl:text><xsl:value-of select="@dept-name"/></span></xsl:if>
              </th>
              <td><xsl:value-of select="@web"/></td>
              <td><xsl:value-of select="@counter"/></td>
              <td><xsl:value-of select="@phone"/></td>
              <td><xsl:value-of select="@mail"/></td>
              <td><xsl:value-of select="@submitted"/></td>
              <td>
                <xsl:value-of select="@share"/><xsl:text> %</xsl:text>
                <xsl:text> </xsl:text>
                <xsl:call-template name="dash-goal"><xsl:with-param name="share" select="@share"/><xsl:with-param name="target" select="$target"/><xsl:with-param name="n" select="@submitted"/></xsl:call-template>
              </td>
              <td><xsl:value-of select="@completed"/></td>
              <td><xsl:value-of select="@sla-kept"/></td>
              <td><xsl:value-of select="@sla-missed"/></td>
              <td><xsl:value-of select="@median"/></td>
              <td><xsl:value-of select="@p90"/></td>
              <td><xsl:value-of select="@backlog"/></td>
              <td><xsl:value-of select="@overdue"/></td>
              <td><xsl:value-of select="@cert-auto"/></td>
              <td><xsl:value-of select="@cert-clerk"/></td>
              <td><xsl:value-of select="@rating"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <p class="actions"><a href="/staff/reports?{$q}&amp;csv={$table}" download="">
      <xsl:value-of select="dm:t('dash.csv')"/><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="$head"/></span></a></p>
  </xsl:template>
</xsl:stylesheet>
