/* The directory map: Leaflet (served from this site) fed by the directory's GeoJSON.
   Without JavaScript the map stays hidden and the list shows every result. */
(function () {
    "use strict";
    var element = document.getElementById("signatory-map");
    if (!element || !window.L || !window.fetch) {
        return;
    }
    element.hidden = false;
    var map = L.map(element, { preferCanvas: true, scrollWheelZoom: false }).setView([45, 25], 4);
    var tiles = L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.attribution, maxZoom: 18 });
    tiles.addTo(map);

    // Without its tiles (offline, a blocked tile server) the map is markers on grey: say so in
    // words; the markers and the list below still show every result.
    var tileNotice = null;
    tiles.on("tileerror", function () {
        if (tileNotice) {
            return;
        }
        tileNotice = document.createElement("p");
        tileNotice.className = "notice signatory-map__notice";
        tileNotice.setAttribute("role", "status");
        tileNotice.textContent = element.dataset.tileError;
        element.before(tileNotice);
    });
    tiles.on("tileload", function () {
        if (tileNotice) {
            tileNotice.remove();
            tileNotice = null;
        }
    });

    function popup(properties) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = properties.url;
        link.textContent = properties.name;
        var strong = document.createElement("strong");
        strong.appendChild(link);
        box.appendChild(strong);
        var details = document.createElement("div");
        details.textContent = [properties.country_name, properties.status_label].filter(Boolean).join(" · ");
        box.appendChild(details);
        return box;
    }

    function showError() {
        var message = document.createElement("p");
        message.className = "notice";
        message.textContent = element.dataset.error;
        element.replaceWith(message);
    }

    fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
        .then(function (response) {
            if (!response.ok) {
                throw new Error(response.status);
            }
            return response.json();
        })
        .then(function (data) {
            var layer = L.geoJSON(data, {
                pointToLayer: function (feature, latlng) {
                    return L.circleMarker(latlng, {
                        radius: 6, color: "#073762", weight: 1, fillColor: "#1f7a4d", fillOpacity: 0.85
                    });
                },
                onEachFeature: function (feature, marker) {
                    marker.bindPopup(popup(feature.properties));
                }
            }).addTo(map);
            if (layer.getLayers().length) {
                map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 9 });
            }
        })
        .catch(showError);
})();
