<?xml version="1.0" encoding="UTF-8"?>
<!-- The cleaning department's pages. Imported after the core's stylesheet,
     so the layout's named templates (and staff.xsl's "staff-tabs") are at
     hand; views are "cleaning-<view>". Values from the page data are
     written with xsl:value-of or attribute value templates only. Tables
     carry data-label on every cell, so that on a phone each row becomes a
     block (the table-stack class) instead of scrolling sideways. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template name="cleaning-head">
    <xsl:param name="title"/>
    <span class="caption"><xsl:value-of select="@dept-name"/></span>
    <h1><xsl:value-of select="$title"/></h1>
    <div class="no-print">
      <xsl:call-template name="staff-tabs">
        <xsl:with-param name="current" select="''"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- The plan: the next business days by zone, booked of places. -->
  <xsl:template match="content[@view = 'cleaning-pickups']">
    <xsl:call-template name="cleaning-head">
      <xsl:with-param name="title" select="dm:t('cleaning.pickups.title')"/>
    </xsl:call-template>
    <p class="lead"><xsl:value-of select="dm:t('cleaning.pickups.lead')"/></p>
    <form class="filters no-print" method="get" action="/staff/cleaning/pickups">
      <div class="filters__row">
        <div class="form-group">
          <label class="label" for="from"><xsl:value-of select="dm:t('cleaning.pickups.from')"/></label>
          <input class="input input--date" id="from" name="from" type="date" value="{@from}"/>
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('cleaning.show')"/></button>
      </div>
    </form>
    <xsl:variable name="zones" select="zones/zone"/>
    <xsl:choose>
      <xsl:when test="$zones">
        <table class="table table--stack table--numbers">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('cleaning.pickups.title')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('cleaning.day')"/></th>
              <xsl:for-each select="$zones">
                <th scope="col"><xsl:value-of select="@name"/></th>
              </xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="days/day">
              <xsl:variable name="d" select="@date"/>
              <tr>
                <th scope="row"><a href="/staff/cleaning/days/{@date}"><xsl:value-of select="@shown"/></a></th>
                <xsl:for-each select="$zones">
                  <xsl:variable name="z" select="day[@date = $d]"/>
                  <td data-label="{@name}">
                    <xsl:attribute name="class">
                      <xsl:choose>
                        <xsl:when test="$z/@closed">cell--closed</xsl:when>
                        <xsl:when test="$z/@booked &gt;= $z/@limit and $z/@limit &gt; 0">cell--full</xsl:when>
                        <xsl:when test="$z/@limit &gt; 0">cell--free</xsl:when>
                      </xsl:choose>
                    </xsl:attribute>
                    <xsl:choose>
                      <xsl:when test="$z/@closed"><xsl:value-of select="dm:t('cleaning.closed')"/></xsl:when>
                      <xsl:when test="not($z) or $z/@limit = 0"><xsl:value-of select="dm:t('cleaning.no_pickups')"/></xsl:when>
                      <xsl:otherwise>
                        <xsl:value-of select="$z/@booked"/><xsl:text> / </xsl:text><xsl:value-of select="$z/@limit"/>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('cleaning.no_zones')"/></p></xsl:otherwise>
    </xsl:choose>
    <nav class="pager no-print" aria-label="{dm:t('pager.label')}">
      <xsl:if test="@prev"><a href="/staff/cleaning/pickups?from={@prev}" rel="prev"><xsl:value-of select="dm:t('cleaning.earlier')"/></a></xsl:if>
      <xsl:if test="@next"><a href="/staff/cleaning/pickups?from={@next}" rel="next"><xsl:value-of select="dm:t('cleaning.later')"/></a></xsl:if>
    </nav>
  </xsl:template>

  <!-- One day's sheet, per crew: what a crew takes on paper. -->
  <xsl:template match="content[@view = 'cleaning-day']">
    <xsl:variable name="c" select="."/>
    <xsl:call-template name="cleaning-head">
      <xsl:with-param name="title" select="concat(dm:t('cleaning.day.title'), ' ', @shown)"/>
    </xsl:call-template>
    <xsl:if test="@done">
      <div class="notice notice--success" role="status">
        <p><xsl:value-of select="dm:t('cleaning.day.done')"/><xsl:text> </xsl:text><strong><xsl:value-of select="@done"/></strong></p>
      </div>
    </xsl:if>
    <form class="filters no-print" method="get" action="/staff/cleaning/days/{@date}">
      <div class="filters__row">
        <div class="form-group">
          <label class="label" for="crew"><xsl:value-of select="dm:t('cleaning.crew')"/></label>
          <select class="select" id="crew" name="crew">
            <option value=""><xsl:value-of select="dm:t('cleaning.crew.all')"/></option>
            <xsl:for-each select="crews/crew">
              <option value="{@id}">
                <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
            <option value="none">
              <xsl:if test="@crew = -1"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="dm:t('cleaning.crew.none')"/>
            </option>
          </select>
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('cleaning.show')"/></button>
      </div>
    </form>
    <p class="no-print">
      <a href="{@pdf}">
        <xsl:value-of select="dm:t('cleaning.day.pdf')"/>
      </a>
      <xsl:text> · </xsl:text>
      <xsl:value-of select="dm:t('cleaning.day.print')"/>
    </p>
    <xsl:if test="not(group)">
      <p><xsl:value-of select="dm:t('cleaning.day.none')"/></p>
    </xsl:if>
    <xsl:for-each select="group">
      <section class="sheet__group" aria-labelledby="crew-{position()}">
        <h2 id="crew-{position()}">
          <xsl:choose>
            <xsl:when test="@crew"><xsl:value-of select="@name"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="dm:t('cleaning.crew.none')"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text> (</xsl:text><xsl:value-of select="count(settlement/pickup)"/><xsl:text>)</xsl:text>
        </h2>
        <xsl:variable name="open" select="$c/@past and @crew and settlement/pickup[@status = 'booked']"/>
        <xsl:choose>
          <xsl:when test="$open">
            <form method="post" action="/staff/cleaning/days/{$c/@date}/done?crew={@crew}" class="form">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <xsl:apply-templates select="settlement" mode="sheet">
                <xsl:with-param name="done-form" select="1"/>
              </xsl:apply-templates>
              <xsl:apply-templates select="totals" mode="sheet"/>
              <p class="hint no-print"><xsl:value-of select="dm:t('cleaning.day.done.hint')"/></p>
              <button type="submit" class="button no-print"><xsl:value-of select="dm:t('cleaning.day.done.submit')"/></button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="settlement" mode="sheet"/>
            <xsl:apply-templates select="totals" mode="sheet"/>
            <xsl:if test="not(@crew) and $c/@past">
              <p class="hint no-print"><xsl:value-of select="dm:t('cleaning.day.assign_first')"/></p>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="settlement" mode="sheet">
    <xsl:param name="done-form" select="0"/>
    <h3 class="sheet__settlement"><xsl:value-of select="@name"/></h3>
    <table class="table table--stack">
      <caption class="visually-hidden"><xsl:value-of select="@name"/></caption>
      <thead>
        <tr>
          <xsl:if test="$done-form = 1"><th scope="col" class="no-print"><xsl:value-of select="dm:t('cleaning.day.col.done')"/></th></xsl:if>
          <th scope="col"><xsl:value-of select="dm:t('cleaning.day.col.address')"/></th>
          <th scope="col"><xsl:value-of select="dm:t('cleaning.day.col.items')"/></th>
          <th scope="col"><xsl:value-of select="dm:t('cleaning.day.col.phone')"/></th>
          <th scope="col"><xsl:value-of select="dm:t('cleaning.day.col.who')"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="pickup">
          <tr>
            <xsl:if test="$done-form = 1">
              <td class="no-print" data-label="{dm:t('cleaning.day.col.done')}">
                <xsl:choose>
                  <xsl:when test="@status = 'booked'">
                    <div class="choice">
                      <input class="choice__input" type="checkbox" id="pickup-{@request}" name="pickup_{@request}" value="1" checked="checked"/>
                      <label class="choice__label" for="pickup-{@request}"><xsl:value-of select="@protocol"/></label>
                    </div>
                  </xsl:when>
                  <xsl:otherwise><strong class="tag tag--green"><xsl:value-of select="dm:t('cleaning.done')"/></strong></xsl:otherwise>
                </xsl:choose>
              </td>
            </xsl:if>
            <td data-label="{dm:t('cleaning.day.col.address')}">
              <xsl:value-of select="@address"/>
              <xsl:if test="@notes"><br/><span class="muted"><xsl:value-of select="@notes"/></span></xsl:if>
            </td>
            <td data-label="{dm:t('cleaning.day.col.items')}"><xsl:value-of select="@items"/></td>
            <td data-label="{dm:t('cleaning.day.col.phone')}"><xsl:value-of select="@phone"/></td>
            <td data-label="{dm:t('cleaning.day.col.who')}">
              <a href="/staff/cleaning/requests/{@request}"><xsl:value-of select="@protocol"/></a>
              <xsl:if test="@name"><br/><xsl:value-of select="@name"/></xsl:if>
              <xsl:if test="@status = 'done'"><br/><strong class="tag tag--green"><xsl:value-of select="dm:t('cleaning.done')"/></strong></xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="totals" mode="sheet">
    <xsl:if test="item">
      <p class="sheet__totals">
        <strong><xsl:value-of select="dm:t('cleaning.day.totals')"/></strong>
        <xsl:for-each select="item">
          <xsl:text> </xsl:text><xsl:value-of select="@label"/><xsl:text>: </xsl:text><xsl:value-of select="@count"/>
          <xsl:if test="position() != last()"><xsl:text> ·</xsl:text></xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The head's settings: pickups a day per zone, crews, closed days. -->
  <xsl:template match="content[@view = 'cleaning-capacity']">
    <xsl:variable name="c" select="."/>
    <xsl:call-template name="cleaning-head">
      <xsl:with-param name="title" select="dm:t('cleaning.capacity.title')"/>
    </xsl:call-template>
    <xsl:if test="@saved">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('cleaning.saved')"/></p></div>
    </xsl:if>
    <xsl:if test="@errors">
      <div class="error-summary" role="alert" aria-labelledby="capacity-errors-title" tabindex="-1">
        <h2 class="error-summary__title" id="capacity-errors-title"><xsl:value-of select="dm:t('form.errors')"/></h2>
        <ul class="error-summary__list">
          <xsl:for-each select="zones/zone">
            <xsl:variable name="z" select="."/>
            <xsl:for-each select="day[@error]">
              <xsl:variable name="wd" select="@wd"/>
              <li><a href="#f-{@name}"><xsl:value-of select="$z/@name"/><xsl:text>, </xsl:text><xsl:value-of select="$c/weekdays/wd[@n = $wd]/@name"/><xsl:text>: </xsl:text><xsl:value-of select="@error"/></a></li>
            </xsl:for-each>
            <xsl:if test="@crew-error">
              <li><a href="#f-crew_{@code}"><xsl:value-of select="@name"/><xsl:text>, </xsl:text><xsl:value-of select="dm:t('cleaning.crew')"/><xsl:text>: </xsl:text><xsl:value-of select="@crew-error"/></a></li>
            </xsl:if>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="dm:t('cleaning.capacity.lead')"/></p>
    <form method="post" action="/staff/cleaning/capacity" class="form" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <table class="table table--stack">
        <caption class="visually-hidden"><xsl:value-of select="dm:t('cleaning.capacity.title')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="dm:t('cleaning.zone')"/></th>
            <xsl:for-each select="weekdays/wd"><th scope="col"><xsl:value-of select="@name"/></th></xsl:for-each>
            <th scope="col"><xsl:value-of select="dm:t('cleaning.crew')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="zones/zone">
            <xsl:variable name="z" select="."/>
            <tr>
              <th scope="row"><xsl:value-of select="@name"/></th>
              <xsl:for-each select="day">
                <xsl:variable name="wd" select="@wd"/>
                <xsl:variable name="wdname" select="$c/weekdays/wd[@n = $wd]/@name"/>
                <td data-label="{$wdname}">
                  <xsl:if test="@error"><xsl:attribute name="class">form-group--error</xsl:attribute></xsl:if>
                  <label class="visually-hidden" for="f-{@name}"><xsl:value-of select="$z/@name"/><xsl:text>, </xsl:text><xsl:value-of select="$wdname"/></label>
                  <xsl:if test="@error">
                    <p class="error-message" id="f-{@name}-error"><span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span><xsl:value-of select="@error"/></p>
                  </xsl:if>
                  <input id="f-{@name}" name="{@name}" type="number" min="0" max="200" inputmode="numeric" value="{@value}">
                    <xsl:attribute name="class">input input--count<xsl:if test="@error"> input--error</xsl:if></xsl:attribute>
                    <xsl:if test="@error">
                      <xsl:attribute name="aria-invalid">true</xsl:attribute>
                      <xsl:attribute name="aria-describedby">f-<xsl:value-of select="@name"/>-error</xsl:attribute>
                    </xsl:if>
                  </input>
                </td>
              </xsl:for-each>
              <td data-label="{dm:t('cleaning.crew')}">
                <xsl:if test="@crew-error"><xsl:attribute name="class">form-group--error</xsl:attribute></xsl:if>
                <label class="visually-hidden" for="f-crew_{@code}"><xsl:value-of select="dm:t('cleaning.crew')"/><xsl:text>, </xsl:text><xsl:value-of select="@name"/></label>
                <xsl:if test="@crew-error">
                  <p class="error-message" id="f-crew_{@code}-error"><span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span><xsl:value-of select="@crew-error"/></p>
                </xsl:if>
                <select class="select" id="f-crew_{@code}" name="crew_{@code}">
                  <xsl:if test="@crew-error">
                    <xsl:attribute name="aria-invalid">true</xsl:attribute>
                    <xsl:attribute name="aria-describedby">f-crew_<xsl:value-of select="@code"/>-error</xsl:attribute>
                  </xsl:if>
                  <option value=""><xsl:value-of select="dm:t('cleaning.crew.none')"/></option>
                  <xsl:for-each select="$c/crews/crew">
                    <option value="{@id}">
                      <xsl:if test="$z/@crew = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:value-of select="@name"/>
                    </option>
                  </xsl:for-each>
                </select>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <button type="submit" class="button"><xsl:value-of select="dm:t('cleaning.capacity.save')"/></button>
    </form>

    <h2><xsl:value-of select="dm:t('cleaning.closed.title')"/></h2>
    <xsl:choose>
      <xsl:when test="closed/day">
        <table class="table table--stack">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('cleaning.closed.title')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('cleaning.day')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('cleaning.zone')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('cleaning.closed.reason')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('cleaning.closed.booked')"/></th>
              <th scope="col"><span class="visually-hidden"><xsl:value-of select="dm:t('cleaning.closed.reopen')"/></span></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="closed/day">
              <tr>
                <td data-label="{dm:t('cleaning.day')}"><a href="/staff/cleaning/days/{@date}"><xsl:value-of select="@shown"/></a></td>
                <td data-label="{dm:t('cleaning.zone')}"><xsl:value-of select="@zone-name"/></td>
                <td data-label="{dm:t('cleaning.closed.reason')}"><xsl:value-of select="@reason"/></td>
                <td data-label="{dm:t('cleaning.closed.booked')}">
                  <xsl:value-of select="@booked"/>
                  <xsl:if test="@booked &gt; 0"><br/><span class="muted"><xsl:value-of select="dm:t('cleaning.closed.booked.hint')"/></span></xsl:if>
                </td>
                <td>
                  <form method="post" action="/staff/cleaning/capacity/reopen" class="inline-form">
                    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                    <input type="hidden" name="date" value="{@date}"/>
                    <input type="hidden" name="zone" value="{@zone}"/>
                    <button type="submit" class="button button--secondary button--small">
                      <xsl:value-of select="dm:t('cleaning.closed.reopen')"/>
                      <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@shown"/><xsl:text>, </xsl:text><xsl:value-of select="@zone-name"/></span>
                    </button>
                  </form>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('cleaning.closed.none')"/></p></xsl:otherwise>
    </xsl:choose>

    <h3><xsl:value-of select="dm:t('cleaning.close.title')"/></h3>
    <xsl:variable name="f" select="close"/>
    <form method="post" action="/staff/cleaning/capacity/close" class="form" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <xsl:call-template name="cleaning-input">
        <xsl:with-param name="id" select="'close-date'"/>
        <xsl:with-param name="name" select="'date'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="dm:t('cleaning.day')"/>
        <xsl:with-param name="value" select="$f/@date"/>
        <xsl:with-param name="error" select="$f/@date-error"/>
        <xsl:with-param name="class" select="'input input--date'"/>
      </xsl:call-template>
      <div class="form-group">
        <xsl:if test="$f/@zone-error"><xsl:attribute name="class">form-group form-group--error</xsl:attribute></xsl:if>
        <label class="label" for="close-zone"><xsl:value-of select="dm:t('cleaning.zone')"/></label>
        <xsl:if test="$f/@zone-error">
          <p class="error-message" id="close-zone-error"><span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span><xsl:value-of select="$f/@zone-error"/></p>
        </xsl:if>
        <select class="select" id="close-zone" name="zone">
          <xsl:if test="$f/@zone-error"><xsl:attribute name="aria-describedby">close-zone-error</xsl:attribute></xsl:if>
          <option value="*"><xsl:value-of select="dm:t('cleaning.zone.all')"/></option>
          <xsl:for-each select="zones/zone">
            <option value="{@code}">
              <xsl:if test="$f/@zone = @code"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@name"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <xsl:call-template name="cleaning-input">
        <xsl:with-param name="id" select="'close-reason'"/>
        <xsl:with-param name="name" select="'reason'"/>
        <xsl:with-param name="label" select="dm:t('cleaning.closed.reason')"/>
        <xsl:with-param name="hint" select="dm:t('cleaning.closed.reason.hint')"/>
        <xsl:with-param name="value" select="$f/@reason"/>
        <xsl:with-param name="error" select="$f/@reason-error"/>
      </xsl:call-template>
      <button type="submit" class="button button--warning"><xsl:value-of select="dm:t('cleaning.close.submit')"/></button>
    </form>
  </xsl:template>

  <!-- A labelled input with its hint and message, as the core's forms. -->
  <xsl:template name="cleaning-input">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="value"/>
    <xsl:param name="error"/>
    <xsl:param name="class" select="'input'"/>
    <xsl:param name="required" select="0"/>
    <div class="form-group">
      <xsl:if test="$error != ''"><xsl:attribute name="class">form-group form-group--error</xsl:attribute></xsl:if>
      <label class="label" for="{$id}"><xsl:value-of select="$label"/></label>
      <xsl:if test="$hint != ''"><div class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></div></xsl:if>
      <xsl:if test="$error != ''">
        <p class="error-message" id="{$id}-error"><span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span><xsl:value-of select="$error"/></p>
      </xsl:if>
      <input id="{$id}" name="{$name}" type="{$type}" value="{$value}">
        <xsl:attribute name="class"><xsl:value-of select="$class"/><xsl:if test="$error != ''"> input--error</xsl:if></xsl:attribute>
        <xsl:if test="$required = 1"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$hint != '' or $error != ''">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''"><xsl:value-of select="concat($id, '-hint')"/></xsl:if>
            <xsl:if test="$hint != '' and $error != ''"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$error != ''"><xsl:value-of select="concat($id, '-error')"/></xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <!-- The crews, kept by the head. -->
  <xsl:template match="content[@view = 'cleaning-crews']">
    <xsl:call-template name="cleaning-head">
      <xsl:with-param name="title" select="dm:t('cleaning.crews.title')"/>
    </xsl:call-template>
    <xsl:if test="@saved">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('cleaning.saved')"/></p></div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="dm:t('cleaning.crews.lead')"/></p>
    <xsl:choose>
      <xsl:when test="list/crew">
        <xsl:for-each select="list/crew">
          <div class="record">
            <h2 class="record__title">
              <xsl:value-of select="@name"/>
              <xsl:if test="not(@active)"><xsl:text> </xsl:text><strong class="tag tag--grey"><xsl:value-of select="dm:t('cleaning.crew.inactive')"/></strong></xsl:if>
            </h2>
            <dl class="summary-list summary-list--compact">
              <div class="summary-list__row"><dt><xsl:value-of select="dm:t('cleaning.crew.contractor')"/></dt><dd>
                <xsl:choose>
                  <xsl:when test="@contractor"><xsl:value-of select="@contractor"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="dm:t('cleaning.crew.own')"/></xsl:otherwise>
                </xsl:choose>
              </dd></div>
              <xsl:if test="@phone">
                <div class="summary-list__row"><dt><xsl:value-of select="dm:t('cleaning.crew.phone')"/></dt><dd><xsl:value-of select="@phone"/></dd></div>
              </xsl:if>
              <div class="summary-list__row"><dt><xsl:value-of select="dm:t('cleaning.crew.open')"/></dt><dd>
                <a href="/staff/cleaning/crews/{@id}"><xsl:value-of select="@open"/></a>
              </dd></div>
            </dl>
            <details class="details">
              <xsl:if test="@edited"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
              <summary class="details__summary"><xsl:value-of select="dm:t('cleaning.crew.edit')"/><span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></summary>
              <div class="details__text">
                <xsl:call-template name="crew-form">
                  <xsl:with-param name="action" select="concat('/staff/cleaning/crews/', @id, '/save')"/>
                  <xsl:with-param name="id" select="concat('crew', @id)"/>
                  <xsl:with-param name="with-active" select="1"/>
                  <xsl:with-param name="submit" select="dm:t('cleaning.crew.save')"/>
                </xsl:call-template>
              </div>
            </details>
          </div>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('cleaning.crews.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <h2><xsl:value-of select="dm:t('cleaning.crew.add')"/></h2>
    <xsl:for-each select="add | self::node()[not(add)]">
      <xsl:call-template name="crew-form">
        <xsl:with-param name="action" select="'/staff/cleaning/crews'"/>
        <xsl:with-param name="id" select="'new'"/>
        <xsl:with-param name="submit" select="dm:t('cleaning.crew.add.submit')"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="crew-form">
    <xsl:param name="action"/>
    <xsl:param name="id"/>
    <xsl:param name="with-active" select="0"/>
    <xsl:param name="submit"/>
    <form method="post" action="{$action}" class="form" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <xsl:call-template name="cleaning-input">
        <xsl:with-param name="id" select="concat($id, '-name')"/>
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="label" select="dm:t('cleaning.crew.name')"/>
        <xsl:with-param name="hint" select="dm:t('cleaning.crew.name.hint')"/>
        <xsl:with-param name="value" select="@name"/>
        <xsl:with-param name="error" select="@name-error"/>
        <xsl:with-param name="required" select="1"/>
      </xsl:call-template>
      <xsl:call-template name="cleaning-input">
        <xsl:with-param name="id" select="concat($id, '-contractor')"/>
        <xsl:with-param name="name" select="'contractor'"/>
        <xsl:with-param name="label" select="dm:t('cleaning.crew.contractor')"/>
        <xsl:with-param name="hint" select="dm:t('cleaning.crew.contractor.hint')"/>
        <xsl:with-param name="value" select="@contractor"/>
        <xsl:with-param name="error" select="@contractor-error"/>
      </xsl:call-template>
      <xsl:call-template name="cleaning-input">
        <xsl:with-param name="id" select="concat($id, '-phone')"/>
        <xsl:with-param name="name" select="'phone'"/>
        <xsl:with-param name="type" select="'tel'"/>
        <xsl:with-param name="label" select="dm:t('cleaning.crew.phone')"/>
        <xsl:with-param name="value" select="@phone"/>
        <xsl:with-param name="error" select="@phone-error"/>
        <xsl:with-param name="class" select="'input input--short'"/>
      </xsl:call-template>
      <xsl:if test="$with-active = 1">
        <div class="choice">
          <input class="choice__input" type="checkbox" id="{$id}-active" name="active" value="1">
            <xsl:if test="@active"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label class="choice__label" for="{$id}-active"><xsl:value-of select="dm:t('cleaning.crew.active')"/></label>
        </div>
      </xsl:if>
      <button type="submit" class="button"><xsl:value-of select="$submit"/></button>
    </form>
  </xsl:template>

  <!-- A crew's open work, for its sheet of paper. -->
  <xsl:template match="content[@view = 'cleaning-crew']">
    <xsl:call-template name="cleaning-head">
      <xsl:with-param name="title" select="concat(dm:t('cleaning.crew'), ' ', @name)"/>
    </xsl:call-template>
    <p class="lead">
      <xsl:choose>
        <xsl:when test="@contractor"><xsl:value-of select="@contractor"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="dm:t('cleaning.crew.own')"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@phone"><xsl:text> · </xsl:text><xsl:value-of select="@phone"/></xsl:if>
      <xsl:if test="@inactive"><xsl:text> · </xsl:text><xsl:value-of select="dm:t('cleaning.crew.inactive')"/></xsl:if>
    </p>
    <p><xsl:value-of select="dm:t('cleaning.crew.open')"/>: <strong><xsl:value-of select="@count"/></strong></p>
    <xsl:if test="jobs/job">
      <table class="table table--stack">
        <caption class="visually-hidden"><xsl:value-of select="dm:t('cleaning.crew.open')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="dm:t('request.protocol')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('request.service')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('cleaning.day.col.address')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('cleaning.day')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="jobs/job">
            <tr>
              <td data-label="{dm:t('request.protocol')}"><a href="/staff/cleaning/requests/{@request}"><xsl:value-of select="@protocol"/></a></td>
              <td data-label="{dm:t('request.service')}"><xsl:value-of select="@service"/></td>
              <td data-label="{dm:t('cleaning.day.col.address')}">
                <xsl:value-of select="@address"/>
                <xsl:if test="@settlement"><xsl:text>, </xsl:text><xsl:value-of select="@settlement"/></xsl:if>
              </td>
              <td data-label="{dm:t('cleaning.day')}">
                <xsl:if test="@day"><a href="/staff/cleaning/days/{@day}"><xsl:value-of select="@day-shown"/></a></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- For everyone: which days have room in a settlement. -->
  <xsl:template match="content[@view = 'cleaning-days']">
    <span class="caption"><xsl:value-of select="dm:t('cleaning.name')"/></span>
    <h1><xsl:value-of select="dm:t('cleaning.days.title')"/></h1>
    <p class="lead"><xsl:value-of select="dm:t('cleaning.days.lead')"/></p>
    <form method="get" action="/cleaning/days" class="form">
      <div class="form-group">
        <label class="label" for="settlement"><xsl:value-of select="dm:t('form.settlement')"/></label>
        <select class="select" id="settlement" name="settlement">
          <option value=""><xsl:value-of select="dm:t('form.settlement.choose')"/></option>
          <xsl:for-each select="settlements/settlement">
            <option value="{@code}">
              <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@name"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('cleaning.show')"/></button>
    </form>
    <xsl:if test="@settlement">
      <h2><xsl:value-of select="dm:t('cleaning.days.for')"/><xsl:text> </xsl:text><xsl:value-of select="@name"/></h2>
      <xsl:choose>
        <xsl:when test="free/day">
          <ul class="link-list">
            <xsl:for-each select="free/day">
              <li><time datetime="{@date}"><xsl:value-of select="@shown"/></time><xsl:text> — </xsl:text><xsl:value-of select="@places"/><xsl:text> </xsl:text><xsl:value-of select="dm:t('cleaning.days.places')"/></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p><xsl:value-of select="dm:t('cleaning.days.none')"/></p></xsl:otherwise>
      </xsl:choose>
      <p><a class="button" href="/services/cleaning-bulky/new?where_settlement={@settlement}"><xsl:value-of select="dm:t('cleaning.days.book')"/></a></p>
    </xsl:if>
  </xsl:template>

  <!-- In the staff panel of a request: its crew, and giving it to one. -->
  <xsl:template match="cleaning-crew" mode="panel">
    <div class="record">
      <h3 class="record__title"><xsl:value-of select="dm:t('cleaning.crew')"/></h3>
      <p>
        <xsl:choose>
          <xsl:when test="@crew"><a href="{@crew-link}"><xsl:value-of select="@crew"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="dm:t('cleaning.crew.unassigned')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@sheet"><xsl:text> · </xsl:text><a href="{@sheet}"><xsl:value-of select="dm:t('cleaning.crew.sheet')"/></a></xsl:if>
      </p>
      <xsl:if test="not(@closed) and crew">
        <form method="post" action="{@action}" class="form">
          <input type="hidden" name="csrf" value="{/page/content/@csrf}"/>
          <div class="form-group">
            <label class="label" for="cleaning-crew"><xsl:value-of select="dm:t('cleaning.crew.assign')"/></label>
            <select class="select" id="cleaning-crew" name="crew">
              <xsl:for-each select="crew">
                <option value="{@id}">
                  <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:value-of select="@name"/>
                </option>
              </xsl:for-each>
            </select>
          </div>
          <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('cleaning.crew.assign.submit')"/></button>
        </form>
      </xsl:if>
    </div>
  </xsl:template>
</xsl:stylesheet>
