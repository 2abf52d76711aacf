// A small stand-in for a social network, served by the demo itself on a local port, so the
// demo can show a web capture without reaching the internet. The post and its comments
// are invented; the page loads nothing from anywhere else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGE = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Пост @demo_hater_account — ВымышленнаяСеть (демо)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 1rem auto; padding: 0 1rem; color: #1d1d1f; background: #f5f5f7; }
  .banner { background: #fff3cd; border: 1px solid #e0c36c; padding: .5rem .75rem; border-radius: .5rem; font-size: .9rem; }
  article, .comment { background: #fff; border-radius: .75rem; padding: .75rem 1rem; margin: .75rem 0; box-shadow: 0 1px 2px #0001; }
  .author { font-weight: 600; }
  .when { color: #6e6e73; font-size: .85rem; }
  .picture { height: 12rem; border-radius: .5rem; background: linear-gradient(135deg, #9aa5b1, #52606d); display: flex; align-items: center; justify-content: center; color: #fff; }
</style>
</head>
<body>
<p class="banner">ДЕМО. Эта страница и все имена выдуманы для демонстрации Qorgan. Demo page: everything here is invented.</p>
<article>
  <p class="author">@demo_hater_account <span class="when">· 3 ч.</span></p>
  <p>Узнали, где собираются «эти». Суббота, 19:00, у фонтана. Приходите все, разберёмся по-нашему.</p>
  <div class="picture" role="img" aria-label="Размытая фотография людей у фонтана (выдуманная)">фото</div>
  <p class="when">1 204 просмотра · 87 репостов</p>
</article>
<section aria-label="Комментарии">
  <div class="comment"><p class="author">@demo_user_17</p><p>Наконец-то кто-то взялся. Я приду.</p></div>
  <div class="comment"><p class="author">@demo_user_42</p><p>Адрес одного из них кину в личку.</p></div>
  <div class="comment"><p class="author">@demo_neighbour</p><p>Это угроза, я пожаловался на пост. Люди, не ходите туда.</p></div>
</section>
</body>
</html>
`;

export interface DemoSite {
  /** Address of the invented post, e.g. http://127.0.0.1:41234/post/18342. */
  postUrl: string;
  close(): Promise<void>;
}

/** Serves the invented post on 127.0.0.1 at a free port. */
export async function startDemoSite(): Promise<DemoSite> {
  const server: Server = createServer((request, response) => {
    if (request.url === '/post/18342') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-demo-site': 'invented',
      });
      response.end(PAGE);
      return;
    }
    if (request.url === '/p/18342') {
      // A short link, as networks use, so the capture records a redirect.
      response.writeHead(301, { location: '/post/18342' });
      response.end();
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    postUrl: `http://127.0.0.1:${port}/p/18342`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
