<?php

// Reference: Symfony's smallest JSON controller, as Symfony's docs write it ("Building your own
// Framework with the MicroKernelTrait", one file): a kernel with FrameworkBundle alone, one route,
// a JsonResponse. Production mode (`prod`, no debug) as `make run` serves the app with
// APP_ENV=production; copied into the generated project and served as its `make run` serves it
// (PHP's built-in server, PHP_CLI_SERVER_WORKERS=4: bench/load.py).

declare(strict_types=1);

use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Component\DependencyInjection\Loader\Configurator\ContainerConfigurator;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpKernel\Kernel as BaseKernel;
use Symfony\Component\Routing\Loader\Configurator\RoutingConfigurator;

require __DIR__ . '/vendor/autoload.php';

final class HelloKernel extends BaseKernel
{
    use MicroKernelTrait;

    public function registerBundles(): iterable
    {
        return [new FrameworkBundle()];
    }

    // Beside the app's var/cache/production, not in it (the docs' default is var/cache/prod).
    public function getCacheDir(): string
    {
        return $this->getProjectDir() . '/var/cache/bench_hello';
    }

    protected function configureContainer(ContainerConfigurator $c): void
    {
        $c->extension('framework', ['secret' => 'S0ME_SECRET']);
    }

    protected function configureRoutes(RoutingConfigurator $routes): void
    {
        $routes->add('hello', '/hello')->controller([$this, 'hello']);
    }

    public function hello(): JsonResponse
    {
        return new JsonResponse(['status' => 'ok']);
    }
}

$kernel = new HelloKernel('prod', false);
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
