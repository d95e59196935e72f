/* Material 9.8.2: the inline script of partials/javascripts/content.html, as a file so that the
   Content-Security-Policy needs no inline script (see overrides/main.html). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
