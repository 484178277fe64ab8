<?php

declare(strict_types=1);

namespace App\Service;

use App\Entity\Todo;
use App\Http\ValidationFailed;
use App\Repository\TodoRepository;
use Symfony\Component\HttpKernel\Exception\NotFoundHttpException;
use Symfony\Component\Validator\Constraints as Assert;
use Symfony\Component\Validator\Validator\ValidatorInterface;

/**
 * The rules of todos (CONTRACT.md, "Todos"): input checked with Symfony's validator, paging,
 * newest first. The controllers call it and only translate HTTP to arguments and back.
 */
final class TodoService
{
    public const MAX_TITLE = 200;

    public function __construct(private readonly TodoRepository $todos, private readonly ValidatorInterface $validator)
    {
    }

    /**
     * @param array<string, mixed> $query the query string: limit (1..100, default 20), offset (>= 0,
     *                                    default 0), done (true|false)
     *
     * @return array{items: list<Todo>, total: int, limit: int, offset: int}
     *
     * @throws ValidationFailed
     */
    public function list(array $query): array
    {
        $whole = new Assert\Regex(pattern: '/^[0-9]{1,9}$/', message: 'This value should be a whole number.');
        $this->check($query, new Assert\Collection(fields: [
            'limit' => new Assert\Optional([new Assert\Sequentially([
                new Assert\Type('string'),
                $whole,
                new Assert\Range(min: 1, max: 100),
            ])]),
            'offset' => new Assert\Optional([new Assert\Sequentially([new Assert\Type('string'), $whole])]),
            'done' => new Assert\Optional([new Assert\Sequentially([
                new Assert\Type('string'),
                new Assert\Choice(choices: ['true', 'false'], message: 'This value should be true or false.'),
            ])]),
        ], allowExtraFields: true));
        $limit = (int) ($query['limit'] ?? 20);
        $offset = (int) ($query['offset'] ?? 0);
        $done = isset($query['done']) ? $query['done'] === 'true' : null;
        [$items, $total] = $this->todos->page($limit, $offset, $done);

        return ['items' => $items, 'total' => $total, 'limit' => $limit, 'offset' => $offset];
    }

    /**
     * @param array<string, mixed> $input {"title": 1..200 characters after trimming, "done"?: bool}
     *
     * @throws ValidationFailed
     */
    public function create(array $input): Todo
    {
        $input = $this->trimTitle($input);
        $this->check($input, new Assert\Collection(fields: [
            'title' => new Assert\Required($this->titleRules()),
            'done' => new Assert\Optional([new Assert\NotNull(), new Assert\Type('bool')]),
        ], allowExtraFields: true));
        $todo = new Todo($input['title'], $input['done'] ?? false);
        $this->todos->save($todo);

        return $todo;
    }

    /** @throws NotFoundHttpException when absent */
    public function get(string $id): Todo
    {
        return $this->todos->find($id) ?? throw new NotFoundHttpException('No todo with this id.');
    }

    /**
     * @param array<string, mixed> $input {"title"?: 1..200 characters after trimming, "done"?: bool}
     *
     * @throws NotFoundHttpException|ValidationFailed
     */
    public function update(string $id, array $input): Todo
    {
        $todo = $this->get($id);
        $input = $this->trimTitle($input);
        $this->check($input, new Assert\Collection(fields: [
            'title' => new Assert\Optional($this->titleRules()),
            'done' => new Assert\Optional([new Assert\NotNull(), new Assert\Type('bool')]),
        ], allowExtraFields: true));
        $todo->change($input['title'] ?? null, $input['done'] ?? null);
        $this->todos->save($todo);

        return $todo;
    }

    /** @throws NotFoundHttpException when absent */
    public function delete(string $id): void
    {
        $this->todos->remove($this->get($id));
    }

    /** @return list<Assert\Constraint> */
    private function titleRules(): array
    {
        // In order, stopping at the first broken rule (a list or a number is not measured).
        return [new Assert\Sequentially([
            new Assert\NotNull(),
            new Assert\Type('string'),
            new Assert\NotBlank(),
            new Assert\Length(max: self::MAX_TITLE),
            new Assert\Regex(pattern: '/^[^\x00]*$/', message: 'must not contain a NUL character'),
        ])];
    }

    /**
     * @param array<string, mixed> $input
     *
     * @return array<string, mixed>
     */
    private function trimTitle(array $input): array
    {
        if (isset($input['title']) && is_string($input['title'])) {
            $input['title'] = Text::trim($input['title']);
        }

        return $input;
    }

    /** @throws ValidationFailed */
    private function check(mixed $value, Assert\Collection $rules): void
    {
        $violations = $this->validator->validate($value, $rules);
        if (count($violations) > 0) {
            throw ValidationFailed::fromViolations($violations);
        }
    }
}
