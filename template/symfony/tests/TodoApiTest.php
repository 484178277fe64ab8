<?php

declare(strict_types=1);

namespace App\Tests;

final class TodoApiTest extends ApiTestCase
{
    public function testACreatedTodoIsTrimmedAndFoundAtItsLocation(): void
    {
        $todo = $this->send('POST', '/api/todos', ['title' => "\u{00A0} write tests \u{3000}"]);
        self::assertSame(201, $this->status());
        self::assertSame('write tests', $todo['title']);
        self::assertFalse($todo['done']);
        self::assertMatchesRegularExpression('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/', $todo['created_at']);
        $location = (string) $this->client->getResponse()->headers->get('Location');
        self::assertSame('/api/todos/' . $todo['id'], $location);
        self::assertSame($todo, $this->send('GET', $location));
        $this->send('DELETE', $location);
        self::assertSame(204, $this->status());
    }

    public function testTheListIsNewestFirstAndPaged(): void
    {
        $ids = [];
        foreach (['first', 'second', 'third'] as $title) {
            $ids[] = $this->send('POST', '/api/todos', ['title' => $title])['id'];
        }
        $page = $this->send('GET', '/api/todos?limit=2');
        self::assertSame([$ids[2], $ids[1]], array_column($page['items'], 'id'));
        self::assertSame(2, $page['limit']);
        self::assertGreaterThanOrEqual(3, $page['total']);
        foreach ($ids as $id) {
            $this->send('DELETE', '/api/todos/' . $id);
        }
    }

    public function testAPatchChangesOnlyWhatItNames(): void
    {
        $todo = $this->send('POST', '/api/todos', ['title' => 'keep me']);
        $changed = $this->send('PATCH', '/api/todos/' . $todo['id'], ['done' => true]);
        self::assertSame(200, $this->status());
        self::assertSame(['keep me', true], [$changed['title'], $changed['done']]);
        $this->send('DELETE', '/api/todos/' . $todo['id']);
    }

    /** @return iterable<string, array{mixed, string}> */
    public static function invalidBodies(): iterable
    {
        yield 'blank title' => [['title' => " \u{00A0}"], 'title'];
        yield 'title of 201 characters' => [['title' => str_repeat('x', 201)], 'title'];
        yield 'title that is a list' => [['title' => ['x']], 'title'];
        yield 'done that is a string' => [['title' => 'x', 'done' => 'yes'], 'done'];
        yield 'a list, not an object' => [[1, 2], 'body'];
    }

    /** @dataProvider invalidBodies */
    public function testInvalidInputIsA422ProblemNamingTheField(mixed $body, string $field): void
    {
        $problem = $this->send('POST', '/api/todos', $body);
        self::assertSame(422, $this->status());
        self::assertSame('application/problem+json', $this->client->getResponse()->headers->get('Content-Type'));
        self::assertContains($field, array_column($problem['errors'], 'field'));
    }

    public function testALimitOutOfRangeIsA422(): void
    {
        $this->send('GET', '/api/todos?limit=101');
        self::assertSame(422, $this->status());
    }

    public function testAnIdThatCannotExistIsA404Problem(): void
    {
        $problem = $this->send('GET', '/api/todos/not-a-uuid');
        self::assertSame(404, $this->status());
        self::assertSame(404, $problem['status']);
    }

    public function testMalformedJsonIsA400AndAnotherContentTypeA415(): void
    {
        $json = ['CONTENT_TYPE' => 'application/json', 'HTTP_X_CSRF_TOKEN' => $this->csrfToken ?? ''];
        $this->client->request('POST', '/api/todos', server: $json, content: '{"title":');
        self::assertSame(400, $this->status());
        $text = ['CONTENT_TYPE' => 'text/plain'] + $json;
        $this->client->request('POST', '/api/todos', server: $text, content: '{}');
        self::assertSame(415, $this->status());
    }

    public function testATrailingSlashIsAnotherPath(): void
    {
        $this->send('GET', '/api/todos/');
        self::assertSame(404, $this->status());
    }
}
