// files.js - beside each file control (forms.xsl, file-pick), the names of
// the chosen files, in the page's words. Without script the control works
// the same; only the names are not shown.
'use strict';
document.querySelectorAll('.file-pick').forEach((pick) => {
  const input = pick.querySelector('.file-pick__input');
  const names = pick.querySelector('.file-pick__names');
  if (!input || !names) return;
  const show = () => {
    const chosen = Array.from(input.files || [], (f) => f.name);
    names.textContent = chosen.length ? chosen.join(', ') : names.dataset.none;
  };
  input.addEventListener('change', show);
  show();
});
