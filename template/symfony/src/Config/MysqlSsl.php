<?php

declare(strict_types=1);

namespace App\Config;

/** MySQL's `ssl-mode` (the mysql client's meanings) as PDO MySQL driver options. */
final class MysqlSsl
{
    /**
     * @return array<int, mixed>
     *
     * @throws InvalidSetting
     */
    public static function options(string $mode): array
    {
        return match (strtoupper($mode)) {
            'DISABLED' => [],
            // PDO has no "prefer"; with a CA unset, PDO still encrypts when asked.
            'PREFERRED', 'REQUIRED' => [\PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false, \PDO::MYSQL_ATTR_SSL_CIPHER => 'DEFAULT'],
            'VERIFY_CA', 'VERIFY_IDENTITY' => [\PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => true, \PDO::MYSQL_ATTR_SSL_CIPHER => 'DEFAULT'],
            default => throw new InvalidSetting("DATABASE_URL: ssl-mode must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY, not '{$mode}'"),
        };
    }
}
