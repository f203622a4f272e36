<?xml version="1.0" encoding="UTF-8"?>
<!-- Generic form and message pages, the account overview, sessions and
     the staff home. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:dm="urn:dimos" exclude-result-prefixes="dm">

  <xsl:template match="content[@view = 'form']">
    <div class="narrow">
      <h1><xsl:value-of select="heading"/></h1>
      <xsl:for-each select="p">
        <p><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:apply-templates select="taxisnet"/>
      <xsl:apply-templates select="form"/>
      <xsl:if test="link">
        <ul class="link-list">
          <xsl:for-each select="link">
            <li><a href="{@href}"><xsl:value-of select="@label"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- The second factor: the code, the enrolment (QR and the secret as
       text) and the recovery codes shown once. -->
  <xsl:template match="content[@view = 'factor']">
    <div class="narrow">
      <h1><xsl:value-of select="heading"/></h1>
      <xsl:for-each select="p[1]">
        <p><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="qr">
        <svg class="qr" role="img" aria-label="{@label}" viewBox="0 0 {@size} {@size}" width="{@size * 5}" height="{@size * 5}" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
          <rect width="{@size}" height="{@size}" fill="#fff"/>
          <path d="{@d}" fill="#000"/>
        </svg>
      </xsl:for-each>
      <xsl:for-each select="secret">
        <p class="factor-secret"><xsl:value-of select="@label"/>:
          <br/><code class="factor-secret__key"><xsl:value-of select="."/></code></p>
      </xsl:for-each>
      <xsl:for-each select="p[position() &gt; 1]">
        <p><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="codes">
        <ol class="recovery-codes">
          <xsl:for-each select="codes/code">
            <li><code><xsl:value-of select="."/></code></li>
          </xsl:for-each>
        </ol>
      </xsl:if>
      <xsl:apply-templates select="form"/>
      <xsl:choose>
        <xsl:when test="@kind = 'codes'">
          <xsl:for-each select="link">
            <p><a class="button" href="{@href}"><xsl:value-of select="@label"/></a></p>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <ul class="link-list">
            <xsl:for-each select="link">
              <li><a href="{@href}"><xsl:value-of select="@label"/></a></li>
            </xsl:for-each>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="taxisnet">
    <div class="taxisnet">
      <p><xsl:value-of select="@text"/></p>
      <p><a class="button button--secondary" href="{@href}"><xsl:value-of select="@label"/></a></p>
      <p class="divider"><span><xsl:value-of select="dm:t('login.or')"/></span></p>
    </div>
  </xsl:template>

  <xsl:template match="content[@view = 'message']">
    <div class="narrow">
      <div class="panel panel--{@kind}">
        <h1 class="panel__title"><xsl:value-of select="heading"/></h1>
        <xsl:for-each select="p">
          <p class="panel__body"><xsl:value-of select="."/></p>
        </xsl:for-each>
      </div>
      <xsl:for-each select="link">
        <p><a class="button" href="{@href}"><xsl:value-of select="@label"/></a></p>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="content[@view = 'account']">
    <h1><xsl:value-of select="dm:t('account.title')"/></h1>
    <xsl:if test="@saved">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('account.saved')"/></p></div>
    </xsl:if>
    <xsl:if test="@verified">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('account.verified')"/></p></div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="@name"/></p>
    <h2><xsl:value-of select="dm:t('account.identity')"/></h2>
    <xsl:choose>
      <xsl:when test="@level = 'B' and @kind = 'business'">
        <p><strong class="tag tag--green"><xsl:value-of select="dm:t('account.legal_entity')"/></strong></p>
        <p><xsl:value-of select="dm:t('account.legal_entity.text')"/></p>
      </xsl:when>
      <xsl:when test="@level = 'B'">
        <p><strong class="tag tag--green"><xsl:value-of select="dm:t('account.level_b')"/></strong></p>
        <p><xsl:value-of select="dm:t('account.level_b.text')"/></p>
      </xsl:when>
      <xsl:when test="@kind = 'business'">
        <p><strong class="tag"><xsl:value-of select="dm:t('account.business_a')"/></strong></p>
        <p><xsl:value-of select="dm:t('account.business_a.text')"/></p>
        <xsl:if test="@taxisnet">
          <p><a class="button button--secondary" href="/login/taxisnet"><xsl:value-of select="dm:t('account.verify_taxisnet.business')"/></a></p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p><strong class="tag"><xsl:value-of select="dm:t('account.level_a')"/></strong></p>
        <p><xsl:value-of select="dm:t('account.level_a.text')"/></p>
        <xsl:if test="@taxisnet">
          <p><a class="button button--secondary" href="/login/taxisnet"><xsl:value-of select="dm:t('account.verify_taxisnet')"/></a></p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <h2><xsl:value-of select="dm:t('account.details')"/></h2>
    <dl class="summary-list">
      <xsl:for-each select="details/item">
        <div class="summary-list__row">
          <dt><xsl:value-of select="@label"/></dt>
          <dd><xsl:value-of select="."/></dd>
        </div>
      </xsl:for-each>
    </dl>
    <ul class="link-list">
      <li><a href="/account/details"><xsl:value-of select="dm:t('account.details.title')"/></a></li>
      <li><a href="/account/email"><xsl:value-of select="dm:t('account.email.title')"/></a></li>
      <li><a href="/account/password">
        <xsl:choose>
          <xsl:when test="@no-password"><xsl:value-of select="dm:t('account.password.set')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="dm:t('account.password.title')"/></xsl:otherwise>
        </xsl:choose>
      </a></li>
      <li><a href="/account/sessions"><xsl:value-of select="dm:t('sessions.title')"/></a></li>
    </ul>
    <xsl:if test="roles/role">
      <h2><xsl:value-of select="dm:t('account.roles')"/></h2>
      <ul>
        <xsl:for-each select="roles/role">
          <li>
            <xsl:value-of select="dm:t(concat('role.', @role))"/>
            <xsl:if test="@department != ''"> – <xsl:value-of select="@department"/></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <p><a href="/staff"><xsl:value-of select="dm:t('staff.title')"/></a></p>
      <p><a href="/account/factor"><xsl:value-of select="dm:t('factor.account.title')"/></a></p>
    </xsl:if>
    <h2><xsl:value-of select="dm:t('account.data')"/></h2>
    <p><xsl:value-of select="dm:t('account.export.text')"/></p>
    <form action="/account/export" method="post" class="inline-form">
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('account.export')"/></button>
    </form>
    <p><a class="danger-link" href="/account/close"><xsl:value-of select="dm:t('close.title')"/></a></p>
  </xsl:template>

  <xsl:template match="content[@view = 'sessions']">
    <xsl:variable name="csrf" select="@csrf"/>
    <h1><xsl:value-of select="dm:t('sessions.title')"/></h1>
    <xsl:if test="@ended">
      <div class="notice notice--success" role="status"><p><xsl:value-of select="dm:t('sessions.ended')"/></p></div>
    </xsl:if>
    <p class="lead"><xsl:value-of select="dm:t('sessions.text')"/></p>
    <table class="table">
      <caption class="visually-hidden"><xsl:value-of select="dm:t('sessions.title')"/></caption>
      <thead>
        <tr>
          <th scope="col"><xsl:value-of select="dm:t('sessions.device')"/></th>
          <th scope="col"><xsl:value-of select="dm:t('sessions.started')"/></th>
          <th scope="col"><xsl:value-of select="dm:t('sessions.seen')"/></th>
          <th scope="col"><span class="visually-hidden"><xsl:value-of select="dm:t('sessions.action')"/></span></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="session">
          <tr>
            <td data-label="{dm:t('sessions.device')}">
              <xsl:value-of select="@agent"/>
              <br/><span class="muted"><xsl:value-of select="@ip"/> · <xsl:value-of select="dm:t(concat('sessions.method.', @method))"/></span>
            </td>
            <td data-label="{dm:t('sessions.started')}"><xsl:value-of select="@created"/></td>
            <td data-label="{dm:t('sessions.seen')}"><xsl:value-of select="@seen"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@current"><strong><xsl:value-of select="dm:t('sessions.current')"/></strong></xsl:when>
                <xsl:otherwise>
                  <form action="/account/sessions/end" method="post" class="inline-form">
                    <input type="hidden" name="csrf" value="{$csrf}"/>
                    <input type="hidden" name="ref" value="{@ref}"/>
                    <button type="submit" class="button button--secondary button--small"><xsl:value-of select="dm:t('sessions.end')"/></button>
                  </form>
                </xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <form action="/account/sessions/end-others" method="post" class="inline-form">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <button type="submit" class="button button--warning"><xsl:value-of select="dm:t('sessions.end_others')"/></button>
    </form>
    <form action="/logout/all" method="post" class="inline-form">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <button type="submit" class="button button--secondary"><xsl:value-of select="dm:t('sessions.end_all')"/></button>
    </form>
    <p><a href="/account"><xsl:value-of select="dm:t('back')"/></a></p>
  </xsl:template>

  <xsl:template match="content[@view = 'staff']">
    <h1><xsl:value-of select="dm:t('staff.title')"/></h1>
    <h2><xsl:value-of select="dm:t('staff.departments')"/></h2>
    <xsl:choose>
      <xsl:when test="departments/department">
        <ul class="link-list">
          <xsl:for-each select="departments/department">
            <li>
              <a href="/staff/{@code}"><xsl:value-of select="@name"/></a>
              <xsl:if test="@head"> <span class="tag"><xsl:value-of select="dm:t('role.head')"/></span></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="dm:t('staff.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@admin">
      <h2><xsl:value-of select="dm:t('staff.people')"/></h2>
      <table class="table">
        <caption class="visually-hidden"><xsl:value-of select="dm:t('staff.people')"/></caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="dm:t('staff.name')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('f.email')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('staff.role')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('staff.department')"/></th>
            <th scope="col"><xsl:value-of select="dm:t('staff.since')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="staff/member">
            <tr>
              <td data-label="{dm:t('staff.name')}"><xsl:value-of select="@name"/></td>
              <td data-label="{dm:t('f.email')}"><xsl:value-of select="@email"/></td>
              <td data-label="{dm:t('staff.role')}"><xsl:value-of select="dm:t(concat('role.', @role))"/></td>
              <td data-label="{dm:t('staff.department')}"><xsl:value-of select="@department"/></td>
              <td data-label="{dm:t('staff.since')}"><xsl:value-of select="@granted"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
