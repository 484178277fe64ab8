<?php

declare(strict_types=1);

namespace App\Logging;

use App\Config\Settings;
use Monolog\Formatter\JsonFormatter;
use Monolog\Formatter\LineFormatter;
use Monolog\Handler\StreamHandler;
use Monolog\Logger as Monolog;

/**
 * The app's logger (PSR-3, Monolog): one line per record on stderr, JSON outside development,
 * at LOG_LEVEL. MonologBundle would configure this from config/packages/monolog.yaml; Debian
 * packages no MonologBundle, so this class does.
 */
final class Logger extends Monolog
{
    /**
     * @param string|null $floor the least level this logger writes unless LOG_LEVEL is debug (the
     *                           framework's own logger: its "Matched route" lines would make two
     *                           lines per request)
     */
    public function __construct(Settings $settings, ?string $floor = null, string $projectDir = '')
    {
        $level = Monolog::toMonologLevel($settings->logLevel);
        if ($floor !== null && $settings->logLevel !== 'debug') {
            $level = max($level, Monolog::toMonologLevel($floor));
        }
        // Tests keep their log out of PHPUnit's output.
        $stream = $settings->environment === 'test' ? $projectDir . '/var/log/test.log' : 'php://stderr';
        $handler = new StreamHandler($stream, $level);
        $handler->setFormatter($settings->environment === 'development'
            ? new LineFormatter("%datetime% %level_name% %message% %context%\n", 'H:i:s.v', false, true)
            : new JsonFormatter());
        parent::__construct('app', [$handler]);
        $this->useMicrosecondTimestamps(true);
    }
}
