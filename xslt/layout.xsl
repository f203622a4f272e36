<?xml version="1.0" encoding="UTF-8"?>
<!-- layout.xsl: the frame of every page (header with the municipality's
     name and emblem, navigation, language switch, footer) and the named
     templates pages share. Text comes from the dm:t() string lookup
     (xslt/i18n/*.xml).
     User-supplied text is only ever output with value-of or attribute
     value templates, which the serializer escapes. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/page">
    <xsl:variable name="title">
      <xsl:call-template name="page-title"/>
    </xsl:variable>
    <html lang="{@lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:if test="content//form[@errors]">
            <xsl:value-of select="dm:t('form.error')"/>
            <xsl:text>: </xsl:text>
          </xsl:if>
          <xsl:value-of select="$title"/>
          <xsl:text> – </xsl:text>
          <xsl:value-of select="dm:t('site.name')"/>
        </title>
        <link rel="stylesheet" href="{@static}/dimos.css"/>
        <link rel="icon" href="{dm:t('site.emblem')}" type="image/svg+xml"/>
        <xsl:call-template name="map-assets"/>
        <xsl:if test="/page/content//field[@type = 'file'] or /page/content[@view = 'verify' or @view = 'staff-request']">
          <script src="{@static}/js/files.js" defer="defer"></script>
        </xsl:if>
        <xsl:if test="/page/content//field[@own-choices]">
          <script src="{@static}/js/choices.js" defer="defer"></script>
        </xsl:if>
      </head>
      <body>
        <a class="skip-link" href="#main"><xsl:value-of select="dm:t('skip')"/></a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <xsl:choose>
              <xsl:when test="dm:kept('brand')"><dm:kept name="brand"/></xsl:when>
              <xsl:otherwise>
                <dm:keep name="brand">
                  <a class="brand" href="/">
                    <img class="brand__emblem" src="{dm:t('site.emblem')}" alt="" width="56" height="56"/>
                    <span class="brand__text">
                      <span class="brand__name"><xsl:value-of select="dm:t('site.name')"/></span>
                      <span class="brand__tagline"><xsl:value-of select="dm:t('site.tagline')"/></span>
                    </span>
                  </a>
                </dm:keep>
              </xsl:otherwise>
            </xsl:choose>
            <div class="site-header__tools">
              <xsl:choose>
                <xsl:when test="user">
                  <span class="site-header__user"><xsl:value-of select="user/@name"/></span>
                  <form class="logout" action="/logout" method="post">
                    <input type="hidden" name="csrf" value="{user/@csrf}"/>
                    <button type="submit" class="link-button"><xsl:value-of select="dm:t('nav.logout')"/></button>
                  </form>
                </xsl:when>
                <xsl:otherwise>
                  <a class="site-header__link" href="/login"><xsl:value-of select="dm:t('nav.login')"/></a>
                </xsl:otherwise>
              </xsl:choose>
              <a class="lang-switch" href="{@path}?lang={dm:t('lang.other.code')}"
                 lang="{dm:t('lang.other.code')}" hreflang="{dm:t('lang.other.code')}"
                 aria-label="{dm:t('lang.switch')}">
                <xsl:value-of select="dm:t('lang.other')"/>
              </a>
            </div>
          </div>
        </header>
        <!-- The navigation is kept too, by everything it shows: who (a
             visitor, a citizen, staff), the unread count and the section
             the page is in. -->
        <xsl:variable name="nav" select="concat('nav', count(user), user/@staff, '.', user/@unread, '.',
            number(content/@view = 'catalogue' or content/@view = 'service'),
            number(starts-with(@path, '/requests')), number(starts-with(@path, '/mailbox')),
            number(starts-with(@path, '/account')), number(starts-with(@path, '/staff')),
            number(starts-with(@path, '/register')))"/>
        <xsl:choose>
          <xsl:when test="dm:kept($nav)"><dm:kept name="{$nav}"/></xsl:when>
          <xsl:otherwise>
            <dm:keep name="{$nav}">
              <nav class="site-nav" aria-label="{dm:t('nav.label')}">
                <ul class="wrap site-nav__list">
                  <xsl:call-template name="nav-item">
                    <xsl:with-param name="href" select="'/'"/>
                    <xsl:with-param name="key" select="'nav.home'"/>
                    <xsl:with-param name="current" select="content/@view = 'catalogue' or content/@view = 'service'"/>
                  </xsl:call-template>
                  <xsl:apply-templates select="." mode="nav"/>
                </ul>
              </nav>
            </dm:keep>
          </xsl:otherwise>
        </xsl:choose>
        <main id="main" class="wrap main" tabindex="-1">
          <xsl:apply-templates select="content" mode="error-summary"/>
          <xsl:apply-templates select="content"/>
        </main>
        <!-- The same on every page of a language: written once per
             worker, then kept (render.c, <dm:keep>). -->
        <xsl:choose>
          <xsl:when test="dm:kept('footer')"><dm:kept name="footer"/></xsl:when>
          <xsl:otherwise>
            <dm:keep name="footer">
              <footer class="site-footer">
                <div class="wrap site-footer__inner">
                  <div class="site-footer__about">
                    <p class="site-footer__name"><xsl:value-of select="dm:t('site.name')"/></p>
                    <p><xsl:value-of select="dm:t('footer.about')"/></p>
                    <p><xsl:value-of select="dm:t('footer.accessibility')"/></p>
                    <ul class="site-footer__links">
                      <li><a href="/privacy"><xsl:value-of select="dm:t('privacy.title')"/></a></li>
                      <li><a href="/accessibility"><xsl:value-of select="dm:t('accessibility.title')"/></a></li>
                      <li><a href="/verify"><xsl:value-of select="dm:t('verify.title')"/></a></li>
                    </ul>
                  </div>
                  <div class="site-footer__contact">
                    <h2 class="site-footer__heading"><xsl:value-of select="dm:t('footer.contact')"/></h2>
                    <dl class="contact-list">
                      <xsl:call-template name="contact-row">
                        <xsl:with-param name="label" select="'footer.address'"/>
                        <xsl:with-param name="value" select="dm:t('site.address')"/>
                      </xsl:call-template>
                      <xsl:call-template name="contact-row">
                        <xsl:with-param name="label" select="'footer.phone'"/>
                        <xsl:with-param name="value" select="dm:t('site.phone')"/>
                        <xsl:with-param name="href" select="concat('tel:', translate(dm:t('site.phone'), ' ', ''))"/>
                      </xsl:call-template>
                      <xsl:call-template name="contact-row">
                        <xsl:with-param name="label" select="'footer.email'"/>
                        <xsl:with-param name="value" select="dm:t('site.email')"/>
                        <xsl:with-param name="href" select="concat('mailto:', dm:t('site.email'))"/>
                      </xsl:call-template>
                      <xsl:call-template name="contact-row">
                        <xsl:with-param name="label" select="'footer.website'"/>
                        <xsl:with-param name="value" select="dm:t('site.website')"/>
                        <xsl:with-param name="href" select="dm:t('site.website')"/>
                      </xsl:call-template>
                    </dl>
                  </div>
                </div>
              </footer>
            </dm:keep>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- Navigation for who is logged in. What it shows is the nav's key in
       /page: a change here that depends on anything else changes the key. -->
  <xsl:template match="page" mode="nav">
    <xsl:choose>
      <xsl:when test="user">
        <xsl:call-template name="nav-item">
          <xsl:with-param name="href" select="'/requests'"/>
          <xsl:with-param name="key" select="'nav.requests'"/>
          <xsl:with-param name="current" select="starts-with(@path, '/requests')"/>
        </xsl:call-template>
        <li class="site-nav__item">
          <a class="site-nav__link" href="/mailbox">
            <xsl:if test="starts-with(@path, '/mailbox')">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="dm:t('nav.mailbox')"/>
            <xsl:if test="user/@unread &gt; 0">
              <xsl:text> </xsl:text>
              <span class="count">
                <xsl:choose>
                  <xsl:when test="user/@unread &gt; 99">99+</xsl:when>
                  <xsl:otherwise><xsl:value-of select="user/@unread"/></xsl:otherwise>
                </xsl:choose>
              </span>
              <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="dm:t(concat('nav.mailbox.unread', substring('.one', 1, 4 * number(user/@unread = 1))))"/></span>
            </xsl:if>
          </a>
        </li>
        <xsl:call-template name="nav-item">
          <xsl:with-param name="href" select="'/account'"/>
          <xsl:with-param name="key" select="'nav.account'"/>
          <xsl:with-param name="current" select="starts-with(@path, '/account')"/>
        </xsl:call-template>
        <xsl:if test="user/@staff">
          <xsl:call-template name="nav-item">
            <xsl:with-param name="href" select="'/staff'"/>
            <xsl:with-param name="key" select="'nav.staff'"/>
            <xsl:with-param name="current" select="starts-with(@path, '/staff')"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="nav-item">
          <xsl:with-param name="href" select="'/register'"/>
          <xsl:with-param name="key" select="'nav.register'"/>
          <xsl:with-param name="current" select="starts-with(@path, '/register')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="nav-item">
    <xsl:param name="href"/>
    <xsl:param name="key"/>
    <xsl:param name="current" select="false()"/>
    <li class="site-nav__item">
      <a class="site-nav__link" href="{$href}">
        <xsl:if test="$current">
          <xsl:attribute name="aria-current">page</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="dm:t($key)"/>
      </a>
    </li>
  </xsl:template>

  <xsl:template name="contact-row">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="href"/>
    <xsl:if test="string($value) != ''">
      <dt><xsl:value-of select="dm:t($label)"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="string($href) != ''">
            <a href="{$href}"><xsl:value-of select="$value"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- The page's title: given by the handler, else per view. -->
  <xsl:template name="page-title">
    <xsl:choose>
      <xsl:when test="/page/@title"><xsl:value-of select="/page/@title"/></xsl:when>
      <xsl:when test="/page/content/@view = 'error' and /page/content/@reason">
        <xsl:value-of select="dm:t(concat('error.', /page/content/@reason, '.title'))"/>
      </xsl:when>
      <xsl:when test="/page/content/@view = 'error'">
        <xsl:value-of select="dm:t(concat('error.', /page/content/@status, '.title'))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="dm:t(concat(/page/content/@view, '.title'))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Breadcrumbs: Home › (optional middle) › current page. -->
  <xsl:template name="breadcrumbs">
    <xsl:param name="middle-href"/>
    <xsl:param name="middle-label"/>
    <nav class="breadcrumbs" aria-label="{dm:t('breadcrumb.label')}">
      <ol>
        <li><a href="/"><xsl:value-of select="dm:t('breadcrumb.home')"/></a></li>
        <xsl:if test="string($middle-label) != ''">
          <li>
            <xsl:choose>
              <xsl:when test="string($middle-href) != ''">
                <a href="{$middle-href}"><xsl:value-of select="$middle-label"/></a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$middle-label"/></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!-- Paragraphs produced by the core from text with blank lines. -->
  <xsl:template match="p" mode="text">
    <p><xsl:value-of select="."/></p>
  </xsl:template>

  <!-- An unknown view is a programming error: say so plainly. -->
  <xsl:template match="content">
    <h1>?</h1>
    <xsl:message>no template for view '<xsl:value-of select="@view"/>'</xsl:message>
  </xsl:template>
</xsl:stylesheet>
