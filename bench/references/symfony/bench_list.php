<?php

// Reference: the smallest auth'd, database-backed list as Symfony's docs write it, in the one-file
// MicroKernelTrait form of bench_hello.php. PHP has no JWT in this template (auth=session, the
// default for PHP), so it signs in the way the app does: Symfony Security's stateful firewall
// reads the token the app's login stored in the session (cookie `sid`, sessions in the same
// SQLite file through the same PdoSessionHandler without locking, as src/Database/Doctrine.php
// sets it up). No user lookup: the provider's refreshUser() hands back the user the session
// holds (the app's UserRepository reloads it by id on every request, as the contract needs).
// The query goes through Doctrine DBAL ("Querying with SQL" in Symfony's Doctrine docs), on the
// table the app migrated. Served as the app's `make run` serves it (bench/load.py).

declare(strict_types=1);

use App\Entity\User;
use Doctrine\DBAL\DriverManager;
use Doctrine\DBAL\ParameterType;
use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Bundle\SecurityBundle\SecurityBundle;
use Symfony\Component\DependencyInjection\Loader\Configurator\ContainerConfigurator;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Session\Storage\Handler\PdoSessionHandler;
use Symfony\Component\HttpKernel\Kernel as BaseKernel;
use Symfony\Component\Routing\Loader\Configurator\RoutingConfigurator;
use Symfony\Component\Security\Core\Exception\UnsupportedUserException;
use Symfony\Component\Security\Core\User\UserInterface;
use Symfony\Component\Security\Core\User\UserProviderInterface;
use Symfony\Component\Security\Http\Attribute\CurrentUser;

require __DIR__ . '/vendor/autoload.php';

/** The user the session holds, as it is: no query. */
final class SessionUserProvider implements UserProviderInterface
{
    public function refreshUser(UserInterface $user): UserInterface
    {
        return $user;
    }

    public function supportsClass(string $class): bool
    {
        return $class === User::class;
    }

    public function loadUserByIdentifier(string $identifier): UserInterface
    {
        throw new UnsupportedUserException('sign-in happens in the app');
    }

    public function loadUserByUsername(string $username): UserInterface
    {
        return $this->loadUserByIdentifier($username);
    }
}

final class ListKernel extends BaseKernel
{
    use MicroKernelTrait;

    public function registerBundles(): iterable
    {
        return [new FrameworkBundle(), new SecurityBundle()];
    }

    // Beside the app's var/cache/production, not in it (the docs' default is var/cache/prod).
    public function getCacheDir(): string
    {
        return $this->getProjectDir() . '/var/cache/bench_list';
    }

    protected function configureContainer(ContainerConfigurator $c): void
    {
        $c->extension('framework', [
            'secret' => 'S0ME_SECRET',
            'session' => ['handler_id' => PdoSessionHandler::class, 'name' => 'sid'],
        ]);
        $c->extension('security', [
            'enable_authenticator_manager' => true,
            'providers' => ['session' => ['id' => 'session_user_provider']],
            'firewalls' => ['main' => ['lazy' => true, 'provider' => 'session']],
            'access_control' => [['path' => '^/api/todos', 'roles' => 'IS_AUTHENTICATED_FULLY']],
        ]);
        $c->services()
            ->set('session_user_provider', SessionUserProvider::class)
            ->set(PdoSessionHandler::class)
            ->args([
                'sqlite:%env(BENCH_SQLITE_PATH)%',
                ['db_table' => 'sessions', 'lock_mode' => PdoSessionHandler::LOCK_NONE],
            ]);
    }

    protected function configureRoutes(RoutingConfigurator $routes): void
    {
        $routes->add('todos', '/api/todos')->controller([$this, 'list'])->methods(['GET']);
    }

    public function list(#[CurrentUser] User $user, Request $request): JsonResponse
    {
        $connection = DriverManager::getConnection(['driver' => 'pdo_sqlite', 'path' => getenv('BENCH_SQLITE_PATH')]);
        $limit = $request->query->getInt('limit', 20);
        $offset = $request->query->getInt('offset', 0);
        $items = $connection->fetchAllAssociative(
            'SELECT id, title, done, created_at, updated_at FROM todos WHERE owner_id = ?'
            . ' ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
            [$user->getId(), $limit, $offset],
            [ParameterType::STRING, ParameterType::INTEGER, ParameterType::INTEGER],
        );
        foreach ($items as &$item) {
            $item['done'] = (bool) $item['done'];
        }

        return new JsonResponse(['items' => $items, 'limit' => $limit, 'offset' => $offset]);
    }
}

$kernel = new ListKernel('prod', false);
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
