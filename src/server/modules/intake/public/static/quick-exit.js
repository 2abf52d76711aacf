// Quick exit (JavaScript on). The button is a plain link that works without this file;
// with it, the click and the Escape key hide the page at once and replace it in the tab's
// history (location.replace), so "Back" does not return here where the browser allows.
// Plain ES5 on purpose: it must run on old phones and cannot wait for anything.
/* global document, window */
(function () {
  'use strict';
  var link = document.querySelector('[data-quick-exit]');
  if (!link) return;
  var target = link.getAttribute('href');

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.hidden = true;
    document.title = '';
    window.location.replace(target);
  }

  link.addEventListener('click', leave);
  document.addEventListener('keydown', function (event) {
    if (event.isComposing) return;
    if (event.key === 'Escape' || event.key === 'Esc' || event.keyCode === 27) leave(event);
  });
})();
