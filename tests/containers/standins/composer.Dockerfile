# Stand-in for composer:2 (no registry is reachable, and none here serves Packagist): the Debian
# base made by debootstrap plus Debian's Composer 2.5 on Debian's PHP 8.2 (not the official
# image's Alpine and newest PHP), and the PHP libraries Debian 12 packages (Symfony 5.4, Doctrine,
# Monolog, PHPUnit, PHP_CodeSniffer) served to Composer offline: COMPOSER_HOME=/tmp as in the
# official image, its config.json written by tests/php_offline.py in this image (so versions are
# those of the packages installed here), with Composer's `path` symlinks turned off: vendor/ gets
# real copies, since the runtime stage has no /usr/share/php. The config lives in this build-stage
# image only: a generated project never sees it.
ARG BASE
# hadolint ignore=DL3006
FROM ${BASE}
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates python3 unzip \
        composer php8.2-cli php8.2-mbstring php8.2-xml php8.2-sqlite3 php8.2-intl php8.2-curl \
        php-symfony php-doctrine-orm php-doctrine-dbal php-monolog php-symfony-monolog-bridge \
        php-symfony-doctrine-bridge php-symfony-runtime php-symfony-dotenv php-symfony-uid \
        php-symfony-rate-limiter phpunit php-codesniffer \
    && rm -rf /var/lib/apt/lists/*
COPY runtime/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
# swagger-api/swagger-ui's files (npm's swagger-ui-dist, as tests/php_offline.py fetches them).
COPY runtime/php-offline/ /root/.cache/brt/php-offline/
COPY runtime/php_offline.py runtime/composer_offline.py /opt/brt/
ENV COMPOSER_HOME=/tmp \
    COMPOSER_ALLOW_SUPERUSER=1
RUN python3 /opt/brt/composer_offline.py /tmp
WORKDIR /app
CMD ["composer"]
