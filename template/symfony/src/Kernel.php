<?php

declare(strict_types=1);

namespace App;

use App\Config\Settings;
use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Component\DependencyInjection\Loader\Configurator\ContainerConfigurator;
use Symfony\Component\HttpKernel\Kernel as BaseKernel;
use Symfony\Component\Routing\Loader\Configurator\RoutingConfigurator;

/**
 * The application kernel: the bundles, the service container (config/services.yaml, config/packages)
 * and the routes (config/routes.yaml). The environment comes from Settings (APP_ENV), not from
 * Symfony's own APP_ENV parsing, so one class reads and checks every variable.
 */
final class Kernel extends BaseKernel
{
    use MicroKernelTrait;

    public function __construct(Settings $settings)
    {
        parent::__construct($settings->environment, $settings->environment === 'development');
    }

    public function registerBundles(): iterable
    {
        yield new FrameworkBundle();
    }

    public function getCacheDir(): string
    {
        return $this->getProjectDir() . '/var/cache/' . $this->environment;
    }

    public function getLogDir(): string
    {
        return $this->getProjectDir() . '/var/log';
    }

    protected function configureContainer(ContainerConfigurator $container): void
    {
        $container->import($this->getProjectDir() . '/config/packages/*.yaml');
        $container->import($this->getProjectDir() . '/config/services.yaml');
    }

    protected function configureRoutes(RoutingConfigurator $routes): void
    {
        $routes->import($this->getProjectDir() . '/config/routes.yaml');
    }
}
