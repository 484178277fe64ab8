<?php

declare(strict_types=1);

namespace App\Database;

use Doctrine\DBAL\Platforms\AbstractPlatform;
use Doctrine\DBAL\Platforms\AbstractMySQLPlatform;
use Doctrine\DBAL\Platforms\PostgreSQLPlatform;
use Doctrine\DBAL\Types\ConversionException;
use Doctrine\DBAL\Types\Type;

/**
 * A UTC timestamp with microseconds. DBAL's own datetime types drop the fraction of a second, and
 * newest-first ordering (created_at DESC, id DESC) needs it: two todos made in the same second
 * must keep their order. Stored as TIMESTAMP(6) (PostgreSQL), DATETIME(6) (MySQL) or text that
 * sorts as it reads (SQLite); always UTC.
 */
final class UtcDateTimeType extends Type
{
    public const NAME = 'utc_datetime_micro';
    private const FORMAT = 'Y-m-d H:i:s.u';

    public function getSQLDeclaration(array $column, AbstractPlatform $platform): string
    {
        return match (true) {
            $platform instanceof PostgreSQLPlatform => 'TIMESTAMP(6) WITHOUT TIME ZONE',
            $platform instanceof AbstractMySQLPlatform => 'DATETIME(6)',
            default => 'VARCHAR(26)',
        };
    }

    public function convertToDatabaseValue($value, AbstractPlatform $platform): ?string
    {
        if ($value === null) {
            return null;
        }
        if (!$value instanceof \DateTimeInterface) {
            $expected = ['null', \DateTimeInterface::class];
            throw ConversionException::conversionFailedInvalidType($value, self::NAME, $expected);
        }

        return \DateTimeImmutable::createFromInterface($value)
            ->setTimezone(new \DateTimeZone('UTC'))
            ->format(self::FORMAT);
    }

    public function convertToPHPValue($value, AbstractPlatform $platform): ?\DateTimeImmutable
    {
        if ($value === null || $value instanceof \DateTimeImmutable) {
            return $value;
        }
        $utc = new \DateTimeZone('UTC');
        $parsed = \DateTimeImmutable::createFromFormat(self::FORMAT, (string) $value, $utc)
            ?: \DateTimeImmutable::createFromFormat('Y-m-d H:i:s', (string) $value, $utc);
        if ($parsed === false) {
            throw ConversionException::conversionFailedFormat($value, self::NAME, self::FORMAT);
        }

        return $parsed;
    }

    public function getName(): string
    {
        return self::NAME;
    }

    public function requiresSQLCommentHint(AbstractPlatform $platform): bool
    {
        return true;
    }
}
