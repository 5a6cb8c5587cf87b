/* Renders the reCAPTCHA checkboxes of the page (explicit rendering, so that no inline script is needed).
   Google's script calls window.renderRecaptchas once loaded (api.js?onload=renderRecaptchas&render=explicit). */
(function () {
    "use strict";
    function render() {
        document.querySelectorAll(".g-recaptcha[data-sitekey]").forEach(function (element) {
            if (element.dataset.rendered) { return; }
            element.dataset.rendered = "true";
            window.grecaptcha.render(element, {
                sitekey: element.dataset.sitekey,
                size: element.dataset.size || "normal",
                callback: function () {}
            });
        });
    }
    window.renderRecaptchas = function () {
        if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", render);
        } else {
            render();
        }
    };
}());
