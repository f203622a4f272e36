<?xml version="1.0" encoding="UTF-8"?>
<!-- Forms, rendered from the <form> data every handler builds (forms.c):
     labels, hints, the error summary and per-field messages, input kept.
     Modelled on the GOV.UK design system; works without JavaScript. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <!-- The error summary of every form with errors, first thing in main
       (layout.xsl) so that a phone shows it without scrolling and without
       a script to move focus; its links lead to the fields. -->
  <xsl:template match="content" mode="error-summary">
    <xsl:apply-templates select=".//form[@errors]" mode="error-summary"/>
  </xsl:template>

  <xsl:template match="form" mode="error-summary">
    <div class="error-summary" role="alert" aria-labelledby="{@id}-errors-title" tabindex="-1">
      <h2 class="error-summary__title" id="{@id}-errors-title"><xsl:value-of select="dm:t('form.errors')"/></h2>
      <ul class="error-summary__list">
        <xsl:for-each select="field[@error]">
          <li><a href="#f-{@name}"><xsl:value-of select="@error"/></a></li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- A page-level error that belongs to no field (a refused action). -->
  <xsl:template name="error-summary-text">
    <xsl:param name="title" select="dm:t('form.errors')"/>
    <xsl:param name="text"/>
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 class="error-summary__title"><xsl:value-of select="$title"/></h2>
      <xsl:if test="string($text) != ''">
        <ul class="error-summary__list"><li><xsl:value-of select="$text"/></li></ul>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template match="form">
    <form class="form" id="{@id}" action="{@action}" novalidate="novalidate">
      <xsl:attribute name="method">
        <xsl:choose>
          <xsl:when test="@method = 'get'">get</xsl:when>
          <xsl:otherwise>post</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@enctype">
        <xsl:attribute name="enctype"><xsl:value-of select="@enctype"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="not(@method = 'get')">
        <input type="hidden" name="csrf" value="{@csrf}"/>
      </xsl:if>
      <xsl:apply-templates select="field"/>
      <div class="form-actions">
        <xsl:choose>
          <xsl:when test="button">
            <xsl:for-each select="button">
              <button type="submit" name="action" value="{@value}">
                <xsl:attribute name="class">
                  <xsl:text>button</xsl:text>
                  <xsl:if test="@secondary"> button--secondary</xsl:if>
                </xsl:attribute>
                <xsl:value-of select="@label"/>
              </button>
              <xsl:text> </xsl:text>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <button type="submit" class="button"><xsl:value-of select="@submit"/></button>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </form>
  </xsl:template>

  <!-- The label, hint and error every visible field has. -->
  <xsl:template name="field-head">
    <label class="label" for="f-{@name}">
      <xsl:value-of select="@label"/>
      <xsl:if test="not(@required) and not(@type = 'checkbox')">
        <span class="label__optional"> (<xsl:value-of select="dm:t('form.optional')"/>)</span>
      </xsl:if>
    </label>
    <xsl:call-template name="field-hint-error"/>
  </xsl:template>

  <xsl:template name="field-hint-error">
    <xsl:if test="@hint">
      <div class="hint" id="f-{@name}-hint"><xsl:value-of select="@hint"/></div>
    </xsl:if>
    <xsl:if test="@error">
      <p class="error-message" id="f-{@name}-error">
        <span class="visually-hidden"><xsl:value-of select="dm:t('form.error')"/>: </span>
        <xsl:value-of select="@error"/>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="describedby">
    <xsl:if test="@hint or @error">
      <xsl:attribute name="aria-describedby">
        <xsl:if test="@hint">f-<xsl:value-of select="@name"/>-hint</xsl:if>
        <xsl:if test="@hint and @error"><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="@error">f-<xsl:value-of select="@name"/>-error</xsl:if>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="@error">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="group-class">
    <xsl:attribute name="class">
      <xsl:text>form-group</xsl:text>
      <xsl:if test="@error"> form-group--error</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="field[@type = 'hidden']">
    <input type="hidden" name="{@name}" value="{@value}"/>
  </xsl:template>

  <!-- One-line inputs. -->
  <xsl:template match="field">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-head"/>
      <input id="f-{@name}" name="{@name}">
        <xsl:attribute name="class">
          <xsl:text>input</xsl:text>
          <xsl:if test="@type = 'afm' or @type = 'amka' or @type = 'number'"> input--short</xsl:if>
          <xsl:if test="@type = 'date' or @type = 'datetime'"> input--date</xsl:if>
          <xsl:if test="@error"> input--error</xsl:if>
        </xsl:attribute>
        <xsl:attribute name="type">
          <xsl:choose>
            <xsl:when test="@type = 'email'">email</xsl:when>
            <xsl:when test="@type = 'phone' or @type = 'mobile'">tel</xsl:when>
            <xsl:when test="@type = 'password' or @type = 'newpassword'">password</xsl:when>
            <xsl:when test="@type = 'date'">date</xsl:when>
            <xsl:when test="@type = 'datetime'">datetime-local</xsl:when>
            <xsl:otherwise>text</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@type = 'afm' or @type = 'amka' or @type = 'number'">
          <xsl:attribute name="inputmode">numeric</xsl:attribute>
          <xsl:attribute name="spellcheck">false</xsl:attribute>
        </xsl:if>
        <xsl:if test="@type = 'email'">
          <xsl:attribute name="spellcheck">false</xsl:attribute>
        </xsl:if>
        <xsl:if test="@value">
          <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="@autocomplete">
          <xsl:attribute name="autocomplete"><xsl:value-of select="@autocomplete"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="@required">
          <xsl:attribute name="required">required</xsl:attribute>
        </xsl:if>
        <xsl:if test="@readonly">
          <xsl:attribute name="readonly">readonly</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="describedby"/>
      </input>
    </div>
  </xsl:template>

  <xsl:template match="field[@type = 'text']">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-head"/>
      <textarea id="f-{@name}" name="{@name}" rows="6">
        <xsl:attribute name="class">
          <xsl:text>textarea</xsl:text>
          <xsl:if test="@error"> input--error</xsl:if>
        </xsl:attribute>
        <xsl:if test="@required">
          <xsl:attribute name="required">required</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="describedby"/>
        <xsl:value-of select="@value"/>
      </textarea>
    </div>
  </xsl:template>

  <xsl:template match="field[@type = 'select']">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-head"/>
      <select id="f-{@name}" name="{@name}" class="select">
        <xsl:call-template name="describedby"/>
        <!-- The department's own choices follow the form's other lists
             (choices.js); without script, when the form is sent. -->
        <xsl:if test="@own-choices">
          <xsl:attribute name="data-own-choices">1</xsl:attribute>
        </xsl:if>
        <option value=""><xsl:value-of select="dm:t('form.choose')"/></option>
        <xsl:for-each select="choice">
          <option value="{@value}">
            <xsl:if test="@selected">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="@label"/>
          </option>
        </xsl:for-each>
      </select>
      <xsl:if test="@own-choices">
        <p class="visually-hidden" id="f-{@name}-status" role="status" data-some="{dm:t('form.choices_some')}" data-none="{dm:t('form.choices_none')}"></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Radios and checkboxes: a fieldset whose legend is the label. -->
  <xsl:template match="field[@type = 'choice' or @type = 'multichoice']">
    <xsl:variable name="name" select="@name"/>
    <xsl:variable name="input">
      <xsl:choose>
        <xsl:when test="@type = 'choice'">radio</xsl:when>
        <xsl:otherwise>checkbox</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div>
      <xsl:call-template name="group-class"/>
      <fieldset class="fieldset" id="f-{@name}">
        <xsl:call-template name="describedby"/>
        <legend class="fieldset__legend">
          <xsl:value-of select="@label"/>
          <xsl:if test="not(@required)">
            <span class="label__optional"> (<xsl:value-of select="dm:t('form.optional')"/>)</span>
          </xsl:if>
        </legend>
        <xsl:call-template name="field-hint-error"/>
        <div class="choices">
          <xsl:for-each select="choice">
            <div class="choice">
              <input class="choice__input" id="f-{$name}-{position()}" name="{$name}" type="{$input}" value="{@value}">
                <xsl:if test="@selected">
                  <xsl:attribute name="checked">checked</xsl:attribute>
                </xsl:if>
              </input>
              <label class="choice__label" for="f-{$name}-{position()}"><xsl:value-of select="@label"/></label>
            </div>
          </xsl:for-each>
        </div>
      </fieldset>
    </div>
  </xsl:template>

  <xsl:template match="field[@type = 'checkbox']">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-hint-error"/>
      <xsl:if test="@name = 'terms'">
        <p class="hint"><a href="/privacy"><xsl:value-of select="dm:t('privacy.read')"/></a></p>
      </xsl:if>
      <div class="choice">
        <input class="choice__input" id="f-{@name}" name="{@name}" type="checkbox" value="1">
          <xsl:if test="@value = '1'">
            <xsl:attribute name="checked">checked</xsl:attribute>
          </xsl:if>
          <xsl:call-template name="describedby"/>
        </input>
        <label class="choice__label" for="f-{@name}"><xsl:value-of select="@label"/></label>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="field[@type = 'file']">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-head"/>
      <div class="file-pick">
        <span class="file-pick__control">
          <input id="f-{@name}" name="{@name}" type="file" class="file-pick__input"
                 accept="{@accept}">
            <xsl:if test="not(@max) or @max &gt; 1">
              <xsl:attribute name="multiple">multiple</xsl:attribute>
            </xsl:if>
            <xsl:call-template name="describedby"/>
          </input>
          <xsl:call-template name="file-pick-button">
            <xsl:with-param name="multiple" select="not(@max) or @max &gt; 1"/>
          </xsl:call-template>
        </span>
        <xsl:call-template name="file-pick-names"/>
      </div>
    </div>
  </xsl:template>

  <!-- A file control in the page's language, not the browser's: the real
       <input type="file"> (focusable, labelled by the field's label, what a
       screen reader and the keyboard use) lies transparent over a button
       drawn in our words; it works the same without script. With script
       (files.js) the names of the chosen files are shown beside it. -->
  <xsl:template name="file-pick-button">
    <xsl:param name="multiple" select="false()"/>
    <span class="file-pick__button" aria-hidden="true">
      <xsl:choose>
        <xsl:when test="$multiple"><xsl:value-of select="dm:t('file.choose_many')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="dm:t('file.choose')"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template name="file-pick-names">
    <span class="file-pick__names" data-none="{dm:t('file.none')}"></span>
  </xsl:template>

  <!-- An address, and optionally a point (decimal degrees). -->
  <xsl:template match="field[@type = 'address']">
    <div>
      <xsl:call-template name="group-class"/>
      <xsl:call-template name="field-head"/>
      <input id="f-{@name}" name="{@name}" type="text" autocomplete="street-address">
        <xsl:attribute name="class">
          <xsl:text>input</xsl:text>
          <xsl:if test="@error"> input--error</xsl:if>
        </xsl:attribute>
        <xsl:if test="@value">
          <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
        </xsl:if>
        <xsl:call-template name="describedby"/>
      </input>
      <!-- The settlement, from the municipality's list (places file). -->
      <xsl:if test="settlement">
        <div class="form-group">
          <label class="label" for="f-{@name}_settlement"><xsl:value-of select="dm:t('form.settlement')"/></label>
          <select class="select" id="f-{@name}_settlement" name="{@name}_settlement">
            <option value=""><xsl:value-of select="dm:t('form.settlement.choose')"/></option>
            <xsl:for-each select="settlement">
              <option value="{@code}">
                <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
          </select>
        </div>
      </xsl:if>
      <!-- The map: for a location service's place (the core sets @map),
           not for a postal address. -->
      <xsl:if test="@map">
        <xsl:call-template name="map">
          <xsl:with-param name="kind" select="'field'"/>
          <xsl:with-param name="id" select="concat('f-', @name, '-map')"/>
          <xsl:with-param name="field" select="@name"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="@map">
        <div class="choice">
          <input class="choice__input" id="f-{@name}_use_photo" name="{@name}_use_photo" type="checkbox" value="1" aria-describedby="f-{@name}_use_photo-hint">
            <xsl:if test="@use_photo"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label class="choice__label" for="f-{@name}_use_photo"><xsl:value-of select="dm:t('form.use_photo')"/></label>
          <p class="hint" id="f-{@name}_use_photo-hint"><xsl:value-of select="dm:t('form.use_photo.hint')"/></p>
        </div>
      </xsl:if>
      <details class="details">
        <summary class="details__summary"><xsl:value-of select="dm:t('form.point')"/></summary>
        <div class="details__text">
          <p class="hint"><xsl:value-of select="dm:t('form.point.hint')"/></p>
          <div class="coords">
            <div>
              <label class="label" for="f-{@name}_lat"><xsl:value-of select="dm:t('form.lat')"/></label>
              <input class="input input--short" id="f-{@name}_lat" name="{@name}_lat" type="text" inputmode="decimal" value="{@lat}"/>
            </div>
            <div>
              <label class="label" for="f-{@name}_lon"><xsl:value-of select="dm:t('form.lon')"/></label>
              <input class="input input--short" id="f-{@name}_lon" name="{@name}_lon" type="text" inputmode="decimal" value="{@lon}"/>
            </div>
          </div>
        </div>
      </details>
    </div>
  </xsl:template>
</xsl:stylesheet>
