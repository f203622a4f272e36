// choices.js - a list whose choices the department offers from the form's
// other values (forms.xsl, data-own-choices: the free days of the
// settlement chosen). When another list of the form changes, the form's
// page is asked again with that value and the list's choices are replaced;
// a polite status says how many there are now. Without script the choices
// follow when the form is sent ("Preview"), the input kept.
'use strict';
document.querySelectorAll('select[data-own-choices]').forEach((list) => {
  const form = list.form;
  const status = document.getElementById(`${list.id}-status`);
  if (!form || !status) return;
  let asked = 0;
  form.querySelectorAll('select').forEach((other) => {
    if (other === list || other.hasAttribute('data-own-choices')) return;
    other.addEventListener('change', async () => {
      const url = new URL(form.getAttribute('action'), window.location.href);
      url.searchParams.set(other.name, other.value);
      const mine = ++asked;
      let fresh;
      try {
        const r = await fetch(url, { credentials: 'same-origin' });
        if (!r.ok) return;
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
        fresh = doc.getElementById(list.id);
      } catch (e) {
        return;  // the list stays; sending the form brings the choices
      }
      if (!fresh || mine !== asked) return;
      const kept = list.value;
      list.replaceChildren(...Array.from(fresh.options, (o) => {
        const c = document.createElement('option');
        c.value = o.value;
        c.textContent = o.textContent;
        c.selected = o.value !== '' && o.value === kept;
        return c;
      }));
      const n = list.options.length - 1;
      status.textContent = n > 0 ? status.dataset.some.replace('{n}', String(n)) : status.dataset.none;
    });
  });
});
