<?php

// The front controller: every HTTP request enters here (PHP's built-in server, php-fpm or
// FrankenPHP all hand the request to this file).

declare(strict_types=1);

use App\Config\Settings;
use App\Kernel;
use Symfony\Component\HttpFoundation\Request;

require dirname(__DIR__) . '/vendor/autoload.php';

// Static files under public/ (the /docs page's assets) are served by the built-in server itself.
if (PHP_SAPI === 'cli-server' && is_file(__DIR__ . parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH))) {
    return false;
}

$settings = Settings::fromEnvironment(dirname(__DIR__));
$kernel = new Kernel($settings);
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
