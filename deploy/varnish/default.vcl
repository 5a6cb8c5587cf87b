vcl 4.1;

# Varnish in front of the site (Debian: apt-get install -y varnish).
#
#   varnishd -a :80 -f /path/to/deploy/varnish/default.vcl -s malloc,256m
#   VARNISH_URL=http://127.0.0.1:80   (in the site's environment: publishing sends PURGE here)
#
# What it keeps is decided by the site: responses that are the same for every anonymous
# visitor say `Cache-Control: public, s-maxage=..., stale-while-revalidate=...` (Varnish takes
# its TTL from s-maxage and its grace from stale-while-revalidate); everything else says
# private or no-cache and passes through. Publishing, unpublishing, moving or deleting a page
# sends PURGE for each address that changed (core/frontend_cache.py); each one drops the
# cached copies of that path, whatever their query string (pagination, filters).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .first_byte_timeout = 60s;
}

# Who may purge: the site's own processes.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from " + client.ip));
        }
        # Every copy of the path: all hosts, all query strings, all variants.
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|django-admin)(/|$)") {
        return (pass);
    }
    # Someone signed in (an editor, a supporter's account): never a shared copy.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Other cookies (the CSRF token, analytics) do not change what anonymous visitors see:
    # dropping them lets every visitor share one copy of `Vary: Cookie` pages.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # The path the object answers, for PURGE (bans on obj.* run in the background lurker).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    # Varnish's built-in rules follow: no copy of responses that set a cookie or say private,
    # no-cache or no-store; TTL from s-maxage (or max-age), grace from stale-while-revalidate.
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
