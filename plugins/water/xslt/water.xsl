<?xml version="1.0" encoding="UTF-8"?>
<!-- water.xsl: the water department's pages. "My supplies", one supply
     with its consumption chart (SVG drawn here from the numbers the
     handler gives, with the same numbers as a table for screen readers),
     its readings and bills, and the clerk's view of a supply with the
     meter-change form. User text only through value-of and attribute
     value templates. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm svg">

  <!-- My supplies -->
  <xsl:template match="content[@view = 'water-supplies']">
    <xsl:call-template name="breadcrumbs"/>
    <span class="caption"><xsl:value-of select="dm:t('water.department')"/></span>
    <h1><xsl:value-of select="dm:t('water.supplies.title')"/></h1>
    <xsl:choose>
      <xsl:when test="@needs-level-b">
        <p><xsl:value-of select="dm:t('water.level_b')"/></p>
        <p><a class="button" href="/login/taxisnet"><xsl:value-of select="dm:t('water.level_b.link')"/></a></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="list"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="content" mode="list">
    <xsl:apply-templates select="reading-period"/>
    <xsl:choose>
      <xsl:when test="supply">
        <ul class="service-list">
          <xsl:for-each select="supply">
            <li class="service-list__item">
              <h2 class="service-list__title">
                <a href="{@href}">
                  <xsl:value-of select="dm:t(concat('water.type.', @type))"/>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@no"/>
                </a>
              </h2>
              <p class="service-list__summary"><xsl:value-of select="@address"/></p>
              <xsl:if test="last">
                <p class="muted">
                  <xsl:value-of select="dm:t('water.supply.last_reading')"/>
                  <xsl:text>: </xsl:text>
                  <xsl:value-of select="last/@value"/>
                  <xsl:text> m³ (</xsl:text>
                  <xsl:value-of select="last/@date"/>
                  <xsl:text>)</xsl:text>
                </p>
              </xsl:if>
              <xsl:if test="@active = '0'">
                <strong class="tag tag--grey"><xsl:value-of select="dm:t('water.supply.disconnected')"/></strong>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="dm:t('water.supplies.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The clerk finds a supply by its number or the holder's AFM. -->
  <xsl:template match="content[@view = 'water-staff-search']">
    <span class="caption"><xsl:value-of select="dm:t('water.department')"/></span>
    <h1><xsl:value-of select="dm:t('water.staff.search')"/></h1>
    <form class="form filters" method="get" action="/staff/water/supplies">
      <div class="form-group">
        <label class="label" for="f-q"><xsl:value-of select="dm:t('water.staff.search.label')"/></label>
        <div class="hint" id="f-q-hint"><xsl:value-of select="dm:t('water.staff.search.hint')"/></div>
        <input class="input input--short" id="f-q" name="q" type="text" value="{@q}" aria-describedby="f-q-hint"/>
      </div>
      <div class="form-actions">
        <button type="submit" class="button"><xsl:value-of select="dm:t('water.staff.search.button')"/></button>
      </div>
    </form>
    <xsl:if test="@q">
      <xsl:choose>
        <xsl:when test="supply">
          <ul class="service-list">
            <xsl:for-each select="supply">
              <li class="service-list__item">
                <a href="/staff/water/supplies/{@no}">
                  <xsl:value-of select="dm:t(concat('water.type.', @type))"/>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="@no"/>
                </a>
                <p class="muted"><xsl:value-of select="@holder"/> — <xsl:value-of select="@address"/></p>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="dm:t('water.staff.search.none')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The clerk's view of a supply: everything, and the meter change. -->
  <xsl:template match="content[@view = 'water-staff-supply']">
    <span class="caption"><xsl:value-of select="dm:t(concat('water.type.', supply/@type))"/></span>
    <h1>
      <xsl:value-of select="dm:t('water.supply.title')"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="supply/@no"/>
    </h1>
    <p><a href="/staff/water/supplies"><xsl:value-of select="dm:t('water.staff.search')"/></a></p>
    <xsl:if test="@changed">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('water.meter.changed')"/></p></div>
    </xsl:if>
    <xsl:apply-templates select="supply" mode="summary"/>
    <dl class="summary-list summary-list--compact">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('water.supply.afm')"/></dt>
        <dd><xsl:value-of select="supply/@afm"/></dd>
      </div>
    </dl>
    <xsl:apply-templates select="meter-change"/>
    <xsl:apply-templates select="chart"/>
    <xsl:call-template name="water-readings"/>
    <xsl:call-template name="water-bills"/>
  </xsl:template>

  <xsl:template match="meter-change">
    <h2><xsl:value-of select="dm:t('water.meter.title')"/></h2>
    <p class="hint"><xsl:value-of select="dm:t('water.meter.lead')"/></p>
    <xsl:if test="error">
      <div class="error-summary" role="alert" aria-labelledby="meter-errors-title" tabindex="-1">
        <h2 class="error-summary__title" id="meter-errors-title"><xsl:value-of select="dm:t('form.errors')"/></h2>
        <ul class="error-summary__list">
          <li><a href="#m-{error/@field}"><xsl:value-of select="error"/></a></li>
        </ul>
      </div>
    </xsl:if>
    <form class="form" method="post" action="{@action}" novalidate="novalidate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <xsl:call-template name="meter-input">
        <xsl:with-param name="name" select="'date'"/>
        <xsl:with-param name="type" select="'date'"/>
      </xsl:call-template>
      <xsl:call-template name="meter-input">
        <xsl:with-param name="name" select="'final'"/>
        <xsl:with-param name="type" select="'text'"/>
      </xsl:call-template>
      <xsl:call-template name="meter-input">
        <xsl:with-param name="name" select="'meter'"/>
        <xsl:with-param name="type" select="'text'"/>
      </xsl:call-template>
      <xsl:call-template name="meter-input">
        <xsl:with-param name="name" select="'initial'"/>
        <xsl:with-param name="type" select="'text'"/>
      </xsl:call-template>
      <div class="form-actions">
        <button type="submit" class="button"><xsl:value-of select="dm:t('water.meter.submit')"/></button>
      </div>
    </form>
  </xsl:template>

  <xsl:template name="meter-input">
    <xsl:param name="name"/>
    <xsl:param name="type"/>
    <xsl:variable name="error" select="error[@field = $name]"/>
    <div>
      <xsl:attribute name="class">
        <xsl:text>form-group</xsl:text>
        <xsl:if test="$error"> form-group--error</xsl:if>
      </xsl:attribute>
      <label class="label" for="m-{$name}"><xsl:value-of select="dm:t(concat('water.meter.', $name))"/></label>
      <xsl:if test="$error">
        <p class="error-message" id="m-{$name}-error">
          <span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span>
          <xsl:value-of select="$error"/>
        </p>
      </xsl:if>
      <input id="m-{$name}" name="{$name}" type="{$type}" value="{@*[name() = $name]}">
        <xsl:attribute name="class">
          <xsl:text>input input--short</xsl:text>
          <xsl:if test="$error"> input--error</xsl:if>
        </xsl:attribute>
        <xsl:if test="$type = 'text' and $name != 'meter'">
          <xsl:attribute name="inputmode">numeric</xsl:attribute>
        </xsl:if>
        <xsl:if test="$error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby">m-<xsl:value-of select="$name"/>-error</xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <!-- Whether readings are accepted today, and when they are. -->
  <xsl:template match="reading-period">
    <div class="notice">
      <xsl:if test="@open = '1'">
        <xsl:attribute name="class">notice notice--success</xsl:attribute>
      </xsl:if>
      <p>
        <xsl:choose>
          <xsl:when test="@open = '1'">
            <xsl:value-of select="dm:t('water.period.open')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="dm:t('water.period.closed')"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@from"/>
        <xsl:text> – </xsl:text>
        <xsl:value-of select="@to"/>
        <xsl:text>.</xsl:text>
      </p>
    </div>
  </xsl:template>

  <!-- One supply: details, chart, readings, bills. -->
  <xsl:template match="content[@view = 'water-supply']">
    <xsl:call-template name="breadcrumbs">
      <xsl:with-param name="middle-href" select="'/water/supplies'"/>
      <xsl:with-param name="middle-label" select="dm:t('water.supplies.title')"/>
    </xsl:call-template>
    <span class="caption"><xsl:value-of select="dm:t(concat('water.type.', supply/@type))"/></span>
    <h1>
      <xsl:value-of select="dm:t('water.supply.title')"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="supply/@no"/>
    </h1>
    <xsl:apply-templates select="supply" mode="summary"/>
    <xsl:apply-templates select="reading-period"/>
    <xsl:if test="new-reading">
      <p><a class="button" href="{new-reading/@href}"><xsl:value-of select="dm:t('water.reading.send')"/></a></p>
    </xsl:if>
    <xsl:apply-templates select="chart"/>
    <xsl:call-template name="water-readings"/>
    <xsl:call-template name="water-bills"/>
  </xsl:template>

  <xsl:template name="water-readings">
    <xsl:if test="readings/reading">
      <h2><xsl:value-of select="dm:t('water.readings.title')"/></h2>
      <div class="table-scroll">
      <table class="table table--numbers">
        <caption class="visually-hidden"><xsl:value-of select="dm:t('water.readings.title')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="dm:t('water.reading.date')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('water.reading.value')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('water.reading.source')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="readings/reading">
            <tr>
              <td><xsl:value-of select="@date"/></td>
              <td>
                <xsl:value-of select="@value"/>
                <xsl:if test="@kind != 'regular'">
                  <xsl:text> </xsl:text>
                  <span class="tag tag--grey"><xsl:value-of select="dm:t(concat('water.reading.kind.', @kind))"/></span>
                </xsl:if>
              </td>
              <td><xsl:value-of select="dm:t(concat('water.reading.source.', @source))"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template name="water-bills">
    <h2><xsl:value-of select="dm:t('water.bills.title')"/></h2>
    <xsl:choose>
      <xsl:when test="bills/bill">
        <div class="table-scroll">
        <table class="table table--numbers">
          <caption class="visually-hidden"><xsl:value-of select="dm:t('water.bills.title')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('water.bill.period')"/></th>
              <th scope="col">m³</th>
              <th scope="col"><xsl:value-of select="dm:t('water.bill.amount')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('water.bill.status')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="bills/bill">
              <tr>
                <xsl:if test="@status = 'overdue'">
                  <xsl:attribute name="class">row--overdue</xsl:attribute>
                </xsl:if>
                <td>
                  <xsl:value-of select="@from"/>
                  <xsl:text> – </xsl:text>
                  <xsl:value-of select="@to"/>
                  <span class="muted"> (<xsl:value-of select="dm:t('water.bill.no')"/><xsl:text> </xsl:text><xsl:value-of select="@no"/>)</span>
                </td>
                <td><xsl:value-of select="@m3"/></td>
                <td><xsl:value-of select="@amount"/></td>
                <td>
                  <xsl:call-template name="water-bill-status"/>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
        <xsl:if test="bills/bill[@status != 'paid']">
          <p><a href="/finance/debts"><xsl:value-of select="dm:t('water.bills.pay')"/></a></p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="dm:t('water.bills.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="water-bill-status">
    <xsl:choose>
      <xsl:when test="@status = 'paid'">
        <strong class="tag tag--green"><xsl:value-of select="dm:t('water.bill.paid')"/></strong>
      </xsl:when>
      <xsl:when test="@status = 'overdue'">
        <strong class="tag tag--red"><xsl:value-of select="dm:t('water.bill.overdue')"/></strong>
        <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="@due"/></span>
      </xsl:when>
      <xsl:otherwise>
        <strong class="tag tag--yellow"><xsl:value-of select="dm:t('water.bill.open')"/></strong>
        <span class="muted"><xsl:text> </xsl:text><xsl:value-of select="dm:t('water.bill.due')"/><xsl:text> </xsl:text><xsl:value-of select="@due"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="supply" mode="summary">
    <dl class="summary-list">
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('water.supply.address')"/></dt>
        <dd><xsl:value-of select="@address"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('water.supply.holder')"/></dt>
        <dd><xsl:value-of select="@holder"/></dd>
      </div>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('water.supply.use')"/></dt>
        <dd><xsl:value-of select="dm:t(concat('water.use.', @use))"/></dd>
      </div>
      <xsl:if test="@meter">
        <div class="summary-list__row">
          <dt><xsl:value-of select="dm:t('water.supply.meter')"/></dt>
          <dd class="code"><xsl:value-of select="@meter"/></dd>
        </div>
      </xsl:if>
      <div class="summary-list__row">
        <dt><xsl:value-of select="dm:t('water.supply.status')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="@active = '1'"><xsl:value-of select="dm:t('water.supply.active')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="dm:t('water.supply.disconnected')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
    </dl>
  </xsl:template>

  <!--
    The consumption chart. The handler gives the periods (bar) with their
    cubic metres and the axis: max (a round number at or above the largest
    bar) and step (the gridlines). Drawn in a 480 x 260 box that scales to
    the width of the page; the same numbers follow as a table that only
    screen readers see.
  -->
  <xsl:template match="chart">
    <xsl:variable name="id" select="concat('chart-', ../supply/@no)"/>
    <h2 id="{$id}-h"><xsl:value-of select="dm:t('water.chart.title')"/></h2>
    <xsl:choose>
      <xsl:when test="bar">
        <figure class="chart">
          <svg xmlns="http://www.w3.org/2000/svg" class="chart__svg"
               viewBox="0 0 480 260" width="480" height="260"
               role="img" aria-labelledby="{$id}-t {$id}-d" focusable="false">
            <title id="{$id}-t"><xsl:value-of select="dm:t('water.chart.title')"/></title>
            <desc id="{$id}-d">
              <xsl:value-of select="dm:t('water.chart.desc')"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="bar[last()]/@from"/>
              <xsl:text> – </xsl:text>
              <xsl:value-of select="bar[last()]/@to"/>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="bar[last()]/@m3"/>
              <xsl:text> m³.</xsl:text>
            </desc>
            <xsl:call-template name="chart-grid">
              <xsl:with-param name="value" select="0"/>
            </xsl:call-template>
            <xsl:variable name="n" select="count(bar)"/>
            <xsl:variable name="slot" select="428 div $n"/>
            <xsl:for-each select="bar">
              <xsl:variable name="h" select="@m3 div ../@max * 208"/>
              <xsl:variable name="x" select="44 + (position() - 1) * $slot + $slot * 0.19"/>
              <xsl:variable name="w" select="$slot * 0.62"/>
              <rect x="{format-number($x, '0.#')}" y="{format-number(224 - $h, '0.#')}"
                    width="{format-number($w, '0.#')}" height="{format-number($h, '0.#')}">
                <xsl:attribute name="fill">
                  <xsl:choose>
                    <xsl:when test="position() = last()">#003476</xsl:when>
                    <xsl:otherwise>#5694ca</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </rect>
              <text x="{format-number($x + $w div 2, '0.#')}" y="{format-number(224 - $h - 5, '0.#')}"
                    text-anchor="middle" font-size="13" fill="#0b0c0c">
                <xsl:value-of select="@m3"/>
              </text>
              <text x="{format-number($x + $w div 2, '0.#')}" y="242"
                    text-anchor="middle" font-size="12" fill="#505a5f">
                <xsl:value-of select="@label"/>
              </text>
            </xsl:for-each>
            <line x1="44" y1="224" x2="472" y2="224" stroke="#0b0c0c" stroke-width="1.5"/>
            <text x="4" y="12" font-size="12" fill="#505a5f">m³</text>
          </svg>
          <figcaption class="chart__caption">
            <xsl:value-of select="dm:t('water.chart.caption')"/>
          </figcaption>
        </figure>
        <!-- The chart's figures for screen readers: the wrapper is what is
             hidden (a table grows to its content whatever its width). -->
        <div class="visually-hidden">
        <table>
          <caption><xsl:value-of select="dm:t('water.chart.table')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="dm:t('water.chart.period')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('water.chart.m3')"/></th>
              <th scope="col"><xsl:value-of select="dm:t('water.chart.days')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="bar">
              <tr>
                <th scope="row">
                  <xsl:value-of select="@from"/>
                  <xsl:text> – </xsl:text>
                  <xsl:value-of select="@to"/>
                </th>
                <td><xsl:value-of select="@m3"/></td>
                <td><xsl:value-of select="@days"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="dm:t('water.chart.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Gridlines and their labels, from 0 to the axis maximum. -->
  <xsl:template name="chart-grid">
    <xsl:param name="value"/>
    <xsl:variable name="y" select="224 - $value div @max * 208"/>
    <xsl:if test="$value &gt; 0">
      <line xmlns="http://www.w3.org/2000/svg" x1="44" x2="472"
            y1="{format-number($y, '0.#')}" y2="{format-number($y, '0.#')}"
            stroke="#b1b4b6" stroke-width="1"/>
    </xsl:if>
    <text xmlns="http://www.w3.org/2000/svg" x="38" y="{format-number($y + 4, '0.#')}"
          text-anchor="end" font-size="12" fill="#505a5f">
      <xsl:value-of select="$value"/>
    </text>
    <xsl:if test="$value + @step &lt;= @max and @step &gt; 0">
      <xsl:call-template name="chart-grid">
        <xsl:with-param name="value" select="$value + @step"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
