// Everyday comments in Kazakh (both scripts) and mixed Russian–Kazakh must not be
// flagged. The model's only Kazakh training data is machine-translated and
// topic-confounded; before its score was capped for comments no rule matched, it flagged
// 13 of these 30 as hateful (classify.ts, KAZAKH_MODEL_ONLY_CEILING).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadClassifier } from '../../../src/server/modules/monitoring/classifier/index.ts';

const EVERYDAY = [
  'Бүгін ауа райы жақсы, саябаққа барамыз',
  'Қай жерде болды бұл оқиға?',
  'Түсінбедім, не болды?',
  'Ертең жиналыс сағат онда басталады',
  'Мен бұл кітапты оқыдым, өте қызық екен',
  'Балалар мектепке кетті',
  'Дүкенге барып нан алып келші',
  'Бұл жаңалықты қайдан білдіңіз?',
  'Анам бүгін палау пісірді',
  'Автобус неге кешікті?',
  'Жұмыстан кеш келемін, күтпеңдер',
  'Қала әкімдігі жаңа жол салып жатыр',
  'Видео сапасы нашар екен',
  'Менің телефоным істемей тұр',
  'Жазда теңізге барғымыз келеді',
  'Бұл әнді кім орындайды?',
  'Концерт өте әдемі өтті',
  'Сабақ қашан бітеді?',
  'Рахмет, бәрі түсінікті',
  'Қыста қар көп жауды',
  'Bugin aua raiy jaqsy, saiabaqqa baramyz',
  'Qai jerde boldy bul oqiga?',
  'Erteń jinalys sagat onda bastalady',
  'Men bul kitapty oqydym, óte qyzyq eken',
  'Balalar mektepke ketti',
  'Bul jańalyqty qaidan bildińiz?',
  'Avtobus nege keshikti?',
  'Video sapasy nashar eken',
  'Концерт классный болды, рахмет ұйымдастырушыларға',
  'Сегодня в Алматы пробки, бүгін кешігеміз',
];

test('everyday Kazakh and mixed comments are not flagged, and the model still ranks them for review', () => {
  const classifier = loadClassifier();
  const flagged = EVERYDAY.map((text) => ({ text, result: classifier.classify(text) })).filter(
    ({ result }) => result.hateful,
  );
  assert.deepEqual(
    flagged.map(({ text, result }) => `${text} (${result.score})`),
    [],
  );
});

test('a Kazakh comment a rule matches is still flagged, with the rule as evidence', () => {
  const result = loadClassifier().classify('Бәрін өлтіру керек');
  assert.equal(result.hateful, true);
  assert.ok(result.evidence.rules.length > 0);
});
