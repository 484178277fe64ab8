# Stand-in for php:8.2-apache-bookworm (no registry is reachable): the Debian base made by
# debootstrap plus Debian's own PHP 8.2 (php8.2-cli, libapache2-mod-php8.2) and Apache 2.4, laid
# out as the official image is: Debian's apache2 package with mpm_prefork, the
# docker-php.conf handler, /var/www/html, logs linked to the container's stdout/stderr, the lock,
# run and log folders writable by any uid; PHP's configuration in PHP_INI_DIR=/usr/local/etc/php
# (php.ini-production and -development beside an absent php.ini, conf.d shared by the CLI and
# Apache); `php` on PATH; docker-php-entrypoint, apache2-foreground, STOPSIGNAL SIGWINCH, port 80.
# What differs: PHP is Debian's build, not compiled from php.net's source, so its extensions are
# Debian's. The official image builds in what this one installs up front (mbstring, xml,
# pdo_sqlite, sqlite3, curl; ctype, iconv, pdo, sodium, argon2 come with php8.2-common; OPcache is
# installed, off), and
# docker-php-ext-install / -enable / -configure here install and enable Debian's php8.2-<ext>
# package instead of compiling PHP's source (the build headers a Dockerfile installs for them are
# then simply unused).
ARG BASE
# hadolint ignore=DL3006
FROM ${BASE}
ENV PHP_INI_DIR=/usr/local/etc/php \
    APACHE_CONFDIR=/etc/apache2 \
    APACHE_ENVVARS=/etc/apache2/envvars
# hadolint ignore=DL3008
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates curl xz-utils \
        apache2 libapache2-mod-php8.2 php8.2-cli php8.2-mbstring php8.2-xml php8.2-sqlite3 php8.2-curl; \
    rm -rf /var/lib/apt/lists/*; \
    # PHP's configuration where the official image has it, for both SAPIs.
    mkdir -p "$PHP_INI_DIR"; \
    cp /usr/lib/php/8.2/php.ini-production /usr/lib/php/8.2/php.ini-development "$PHP_INI_DIR/"; \
    mv /etc/php/8.2/cli/conf.d "$PHP_INI_DIR/conf.d"; \
    for sapi in cli apache2; do \
        rm -rf "/etc/php/8.2/$sapi/conf.d" "/etc/php/8.2/$sapi/php.ini"; \
        ln -s "$PHP_INI_DIR/conf.d" "/etc/php/8.2/$sapi/conf.d"; \
        ln -s "$PHP_INI_DIR/php.ini" "/etc/php/8.2/$sapi/php.ini"; \
    done; \
    # OPcache is there but off, as in the official image (docker-php-ext-install opcache).
    rm "$PHP_INI_DIR/conf.d/10-opcache.ini"; \
    ln -s /usr/bin/php /usr/local/bin/php; \
    # Apache as the official image sets it up (its Dockerfile's apache2 step).
    sed -ri 's/^export ([^=]+)=(.*)$/: ${\1:=\2}\nexport \1/' "$APACHE_ENVVARS"; \
    . "$APACHE_ENVVARS"; \
    for dir in "$APACHE_LOCK_DIR" "$APACHE_RUN_DIR" "$APACHE_LOG_DIR"; do \
        rm -rvf "$dir"; mkdir -p "$dir"; chown "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$dir"; chmod 1777 "$dir"; \
    done; \
    rm -rvf /var/www/html/*; \
    ln -sfT /dev/stderr "$APACHE_LOG_DIR/error.log"; \
    ln -sfT /dev/stdout "$APACHE_LOG_DIR/access.log"; \
    ln -sfT /dev/stdout "$APACHE_LOG_DIR/other_vhosts_access.log"; \
    chown -R --no-dereference "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$APACHE_LOG_DIR"; \
    a2dismod mpm_event || true; a2enmod mpm_prefork; \
    { \
        echo '<FilesMatch \.php$>'; \
        echo '\tSetHandler application/x-httpd-php'; \
        echo '</FilesMatch>'; \
        echo; \
        echo 'DirectoryIndex disabled'; \
        echo 'DirectoryIndex index.php index.html'; \
        echo; \
        echo '<Directory /var/www/>'; \
        echo '\tOptions -Indexes'; \
        echo '\tAllowOverride All'; \
        echo '</Directory>'; \
    } | tee "$APACHE_CONFDIR/conf-available/docker-php.conf"; \
    a2enconf docker-php
COPY runtime/php/ /usr/local/bin/
# The machine's CA bundle: where a network re-signs TLS (as this one does), apt and PHP inside
# builds trust what the host trusts. Elsewhere it is just Debian's bundle.
COPY runtime/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["docker-php-entrypoint"]
STOPSIGNAL SIGWINCH
WORKDIR /var/www/html
EXPOSE 80
CMD ["apache2-foreground"]
