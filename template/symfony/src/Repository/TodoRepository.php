<?php

declare(strict_types=1);

namespace App\Repository;

use App\Entity\Todo;
use Doctrine\ORM\EntityManagerInterface;
use Symfony\Component\Uid\Uuid;

/** Todos in the database, through Doctrine's entity manager. */
final class TodoRepository
{
    public function __construct(private readonly EntityManagerInterface $entities)
    {
    }

    /**
     * One page, newest first (created_at DESC, id DESC), and the count of all matching todos.
     *
     * @return array{0: list<Todo>, 1: int}
     */
    public function page(int $limit, int $offset, ?bool $done): array
    {
        $query = $this->entities->createQueryBuilder()->select('t')->from(Todo::class, 't');
        if ($done !== null) {
            $query->andWhere('t.done = :done')->setParameter('done', $done);
        }
        $total = (int) (clone $query)->select('COUNT(t.id)')->getQuery()->getSingleScalarResult();
        $items = $query->orderBy('t.createdAt', 'DESC')->addOrderBy('t.id', 'DESC')
            ->setFirstResult($offset)->setMaxResults($limit)->getQuery()->getResult();

        return [$items, $total];
    }

    /** The todo of this id, or null; an id that is not a UUID cannot exist (no query is made). */
    public function find(string $id): ?Todo
    {
        if (!Uuid::isValid($id)) {
            return null;
        }

        return $this->entities->find(Todo::class, strtolower($id));
    }

    public function save(Todo $todo): void
    {
        $this->entities->persist($todo);
        $this->entities->flush();
    }

    public function remove(Todo $todo): void
    {
        $this->entities->remove($todo);
        $this->entities->flush();
    }
}
