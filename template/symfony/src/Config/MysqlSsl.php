<?php

declare(strict_types=1);

namespace App\Config;

/**
 * MySQL's `ssl-mode` (the mysql client's meanings) as PDO MySQL driver options. mysqlnd turns TLS on
 * when any SSL option is set; the cipher list is the one that needs no file. (Issue 14: not yet
 * proven against a TLS MariaDB by the template's tests; see docs/php-status.md.)
 */
final class MysqlSsl
{
    /**
     * @return array<int, mixed>
     *
     * @throws InvalidSetting
     */
    public static function options(string $mode): array
    {
        $tls = [\PDO::MYSQL_ATTR_SSL_CIPHER => 'DEFAULT'];

        return match (strtoupper($mode)) {
            'DISABLED' => [],
            'PREFERRED', 'REQUIRED' => $tls + [\PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false],
            'VERIFY_CA', 'VERIFY_IDENTITY' => $tls + [\PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => true],
            default => throw new InvalidSetting('DATABASE_URL: ssl-mode must be DISABLED, PREFERRED, '
                . "REQUIRED, VERIFY_CA or VERIFY_IDENTITY, not '{$mode}'"),
        };
    }
}
