<?php

declare(strict_types=1);

namespace App\Entity;

use App\Database\UtcDateTimeType;
use App\Repository\TodoRepository;
use Doctrine\ORM\Mapping as ORM;
use Symfony\Component\Uid\Uuid;

/** A todo (CONTRACT.md, "Todos"): the table `todos` of migrations/Version0001InitialSchema.php. */
#[ORM\Entity(repositoryClass: TodoRepository::class)]
#[ORM\Table(name: 'todos')]
class Todo
{
    #[ORM\Id]
    #[ORM\Column(type: 'guid')]
    private string $id;

    #[ORM\Column(type: UtcDateTimeType::NAME, name: 'created_at')]
    private \DateTimeImmutable $createdAt;

    #[ORM\Column(type: UtcDateTimeType::NAME, name: 'updated_at')]
    private \DateTimeImmutable $updatedAt;

    public function __construct(
        #[ORM\Column(length: 200)]
        private string $title,
        #[ORM\Column]
        private bool $done = false,
    ) {
        $this->id = Uuid::v4()->toRfc4122();
        $this->createdAt = $this->updatedAt = new \DateTimeImmutable('now', new \DateTimeZone('UTC'));
    }

    public function getId(): string
    {
        return $this->id;
    }

    public function getTitle(): string
    {
        return $this->title;
    }

    public function isDone(): bool
    {
        return $this->done;
    }

    public function getCreatedAt(): \DateTimeImmutable
    {
        return $this->createdAt;
    }

    public function getUpdatedAt(): \DateTimeImmutable
    {
        return $this->updatedAt;
    }

    /** Applies the given changes (already validated) and moves updated_at. */
    public function change(?string $title, ?bool $done): void
    {
        $this->title = $title ?? $this->title;
        $this->done = $done ?? $this->done;
        $this->updatedAt = new \DateTimeImmutable('now', new \DateTimeZone('UTC'));
    }
}
