// Invented comments for the demo's monitoring campaign, written for the project: reactions
// to an invented video of two young men walking hand in hand in Almaty. They mix hostile
// comments of every category with neutral ones, counter-speech, news, people speaking
// about themselves and neutral uses of the same words, in Russian, Kazakh (Cyrillic and
// Latin) and English, and mixed Russian–Kazakh. None is copied from any dataset or from a
// real page; the handles are invented.
//
// `label` is how the demo's monitor reviews the comment when it comes up in the review
// queue: '' for not hateful, else the categories joined with '+'.
import type { HateCategory } from '../../common/monitoring/vocabulary.ts';

export interface DemoComment {
  /** 0: the video, 1: a news page's repost, 2: a news article. */
  item: 0 | 1 | 2;
  author: string;
  label: string;
  text: string;
}

export const labelOf = (c: DemoComment): { hateful: boolean; categories: HateCategory[] } => ({
  hateful: c.label !== '',
  categories: c.label === '' ? [] : (c.label.split('+') as HateCategory[]),
});

const c = (item: 0 | 1 | 2, author: string, label: string, text: string): DemoComment => ({
  item,
  author,
  label,
  text,
});

export const DEMO_COMMENTS: readonly DemoComment[] = [
  // ---- Russian: hostile ----
  c(0, '@aidos_91', 'slur+insult', 'Пидоры, валите из нашего города'),
  c(0, '@marat.k', 'derogation', 'Таких надо лечить, а не показывать на весь интернет'),
  c(0, '@step_wolf', 'dehumanisation', 'Это не люди, это скот'),
  c(0, '@nurik_007', 'threat', 'Найти бы их адрес и объяснить по-мужски'),
  c(0, '@gulya.m', 'slur+insult', 'Мерзость. Педики совсем страх потеряли'),
  c(1, '@real_patriot_kz', 'threat', 'Их всех надо изолировать от общества'),
  c(1, '@baha_88', 'derogation', 'Больные люди, им место в психушке'),
  c(0, '@kair_t', 'slur+insult', 'Гомосеки позорят Казахстан'),
  c(0, '@tima.almaty', 'threat', 'Попадутся мне на улице — пожалеют'),
  c(1, '@ainur_b', 'dehumanisation+derogation', 'Зараза с запада, которая калечит детей'),
  c(0, '@s_erlan', 'insult', 'Извращенцы, вас тут никто не ждёт'),
  c(1, '@old_school_kz', 'threat', 'Раньше таких камнями забивали, и правильно делали'),
  c(0, '@dos_dos', 'dehumanisation+threat', 'Это плесень, её надо вычищать'),
  c(1, '@mama_trex', 'derogation+threat', 'Лгбт это болезнь, лечится ремнём'),
  c(0, '@k_zhan', 'slur+insult', 'Педерасты проклятые'),
  c(0, '@no_name_2003', 'threat', 'Кто знает, где этот парень учится? Надо с ним поговорить'),
  c(1, '@bekzat.s', 'dehumanisation', 'Животные, даже хуже животных'),
  c(0, '@arman_kz', 'derogation', 'Таким не место среди нормальных людей'),
  c(0, '@zhas_ulan', 'threat', 'Сжечь бы этот тикток вместе с ними'),
  c(1, '@ruslan.a', 'slur+insult', 'Голубые опять вылезли, тьфу'),
  c(0, '@dana_dana', 'derogation', 'Фу, мужики за ручку. Куда катится страна'),
  c(1, '@asylbek77', 'derogation', 'Таких в армию, там быстро вылечат'),
  c(1, '@m_olzhas', 'derogation', 'Вот из-за таких дети потом не знают, кто они'),
  c(0, '@eldos_e', 'slur+insult', 'Опущенные, что с них взять'),
  c(0, '@tanya_k', 'dehumanisation+threat', 'Вас надо отправить туда, где вам место — в клетку'),
  c(1, '@yerzhan.b', 'insult', 'Мрази'),
  c(0, '@aset_99', 'threat', 'Не доводите до греха, уберите это видео'),
  c(2, '@sanzhar_s', 'derogation', 'Опять пропаганда. Нормальным людям это не нужно'),

  // ---- Russian: neutral, including the same words used neutrally ----
  c(0, '@alina.photo', '', 'Красивый вечер на Арбате, я там тоже была вчера'),
  c(0, '@musicfan_kz', '', 'Какая музыка играет на фоне?'),
  c(0, '@techno_bek', '', 'Видео снято на айфон?'),
  c(0, '@lazy_cat', '', 'Опять комментаторы проснулись'),
  c(0, '@just_reading', '', 'Я просто пришёл почитать комментарии'),
  c(0, '@dog_lover', '', 'У меня собака тоже так на прохожих лает'),
  c(0, '@metro_guy', '', 'Пойду убивать время в метро, до связи'),
  c(0, '@olga_s', '', 'Смотрю уже пятый раз, не понимаю, из-за чего шум'),
  c(1, '@almaty_winter', '', 'Алматы зимой самый красивый'),
  c(0, '@style_hunter', '', 'Кто-нибудь знает, что за куртка на парне слева?'),
  c(0, '@bored_ok', '', 'Тикток опять подсовывает мне какие-то скандалы'),
  c(0, '@weather_kz', '', 'Погода на видео отличная, весна почти'),
  c(1, '@where_is', '', 'Это где, возле ЦУМа?'),
  c(0, '@light_and_shadow', '', 'Хорошо снято, свет красивый'),
  c(0, '@link_please', '', 'Можно ссылку на оригинал?'),
  c(0, '@haha_kz', '', 'Ахаха тикток как всегда'),
  c(1, '@shym_girl', '', 'Я из Шымкента, у нас такое не снимают'),
  c(0, '@aru_aru', '', 'Смотрела с мамой, она спросила, что за песня'),
  c(0, '@fire_emoji', '', '🔥🔥🔥'),
  c(1, '@thumb', '', '👍'),
  c(0, '@beat_maker', '', 'Лайк за музыку'),
  c(0, '@fyp_again', '', 'Кто тоже из рекомендаций?'),
  c(0, '@night_owl', '', 'Сегодня убил целый вечер на этот тикток'),
  c(0, '@pet_story', '', 'Эта собака в конце видео — просто звезда'),
  c(1, '@district_q', '', 'Что за район?'),
  c(0, '@repost_bot', '', 'https://example.invalid/original-video'),

  // ---- Russian: counter-speech and quotation to condemn ----
  c(
    0,
    '@kind_words',
    '',
    'Люди, которые пишут «пидоры», сами себя позорят. Оставьте ребят в покое',
  ),
  c(0, '@lawyer_aliya', '', 'Угрозы в комментариях — это уголовная статья, между прочим'),
  c(0, '@calm_voice', '', 'Они просто идут по улице. Кому они мешают?'),
  c(1, '@sorry_kz', '', 'Читаю комментарии, и мне стыдно за земляков'),
  c(1, '@not_an_opinion', '', 'Называть людей «больными» — это не мнение, это травля'),
  c(0, '@support_u', '', 'Ребята, держитесь, вас поддерживают больше, чем кажется'),
  c(0, '@screenshots_saved', '', 'Кто пишет «найти адрес» — скриншоты уже сохранены'),
  c(0, '@love_kz', '', 'Любовь — не преступление'),
  c(1, '@real_sickness', '', 'Комментарии «убить», «сжечь» — вот это и есть настоящая болезнь'),
  c(0, '@mirror', '', 'Если тебе мешают двое людей на улице, проблема в тебе'),
  c(0, '@brave_not', '', 'Написать «педик» под видео — не смелость, а трусость'),
  c(0, '@thanks_u', '', 'Спасибо, что не прячетесь'),

  // ---- Russian: news about the attacks ----
  c(
    2,
    '@news_almaty',
    '',
    'В Алматы двое молодых людей получили угрозы после видео в тикток, сообщает правозащитная инициатива',
  ),
  c(2, '@news_almaty', '', 'Полиция пока не возбудила дело по угрозам, написанным под роликом'),
  c(
    2,
    '@kz_media',
    '',
    'Под видео за сутки появилось больше тысячи комментариев, часть из них с призывами к насилию',
  ),
  c(2, '@legal_kz', '', 'Юристы напоминают: призывы к насилию наказуемы по статье 174'),
  c(2, '@kz_media', '', 'Правозащитники сохранили комментарии с угрозами как доказательства'),
  c(2, '@news_almaty', '', 'Автор видео закрыл аккаунт после волны травли'),

  // ---- Russian: people speaking about themselves ----
  c(0, '@quiet_almaty', '', 'Я гей, живу в Алматы, и да, мне страшно читать такие комментарии'),
  c(0, '@bi_and_fine', '', 'Я сам би, и видео просто милое'),
  c(1, '@neighbour_l', '', 'Как лесбиянка скажу: мы такие же соседи, как вы'),
  c(0, '@trans_kz', '', 'Я трансгендерная женщина, и это видео меня обрадовало'),

  // ---- Kazakh (Cyrillic): hostile ----
  c(0, '@qazaq_uly', 'derogation', 'Бұлар ұят! Қазақтың атын былғамаңдар'),
  c(0, '@batyr_kz', 'threat', 'Мұндайларды елден қуу керек'),
  c(1, '@aul_boy', 'derogation', 'Ауру адамдар, емделу керек'),
  c(0, '@zhigit_01', 'threat', 'Көшеде кездессе, сабап тастаймыз'),
  c(0, '@dala_qyzy', 'dehumanisation', 'Бұл адам емес, хайуан'),
  c(1, '@el_ushin', 'derogation', 'Гейлер елімізге керек емес'),
  c(0, '@apa_sozi', 'derogation', 'Масқара, жастарды бұзып жатыр'),
  c(0, '@tayaq', 'threat', 'Оларды таяқпен түзеу керек'),
  c(1, '@kokzhal', 'insult', 'Нағыз азғындар'),
  c(0, '@adres_kerek', 'threat', 'Осы екеуінің мекенжайын кім біледі?'),
  c(2, '@qauip', 'derogation', 'Бұлар қоғамға қауіпті'),

  // ---- Kazakh (Cyrillic): neutral, counter-speech, news, self-reference ----
  c(0, '@koktem', '', 'Әдемі видео, Алматы көктемде керемет'),
  c(0, '@qai_zher', '', 'Қай жерде түсірілген?'),
  c(0, '@tynysh', '', 'Адамдарды жай ғана тыныш қалдырыңдар'),
  c(1, '@zan_bilgish', '', 'Қорқыту — қылмыс, есіңізде болсын'),
  c(0, '@korshi', '', 'Мен де осы көшеде тұрамын, тыныш жер'),
  c(0, '@maqal', '', 'Ит үреді, керуен көшеді'),
  c(0, '@uaqyt', '', 'Уақыт өлтіру үшін тикток қарап отырмын'),
  c(
    2,
    '@zhanalyq_kz',
    '',
    'Видеодағы жігіттерге қорқыту хаттары келген, деп хабарлайды құқық қорғаушылар',
  ),
  c(0, '@azamat_gay', '', 'Мен геймін, және мен де осы елдің азаматымын'),
  c(0, '@qoldau', '', 'Жігіттер, сақ болыңдар, сендерді қолдаймыз'),
  c(1, '@tusinbedim', '', 'Түсінбедім, не болды?'),
  c(0, '@it_ushin', '', 'Менің итім де осылай шулайды 😂'),
  c(0, '@olar_da', '', 'Олар да адам ғой, тиіспеңдер'),

  // ---- Kazakh (Latin): hostile ----
  c(0, '@qazaq_latyn', 'threat', 'Bular uiat, elden quu kerek'),
  c(1, '@emdelu', 'derogation', 'Auru adamdar, emdelu kerek'),
  c(0, '@sabaimyz', 'threat', 'Kóshede kezdesse sabaimyz'),
  c(0, '@haiuan', 'dehumanisation', 'Bul adam emes, haiuan'),
  c(1, '@masqara', 'derogation', 'Masqara! Jastardy buzyp jatyr'),
  c(0, '@dert', 'derogation', 'Gei degen dert'),
  c(0, '@atu', 'threat', 'Bulardy atu kerek'),
  c(1, '@ketsin', 'derogation+threat', 'Sumdyq, elden ketsin'),

  // ---- Kazakh (Latin): neutral, counter-speech, self-reference ----
  c(0, '@ademi', '', 'Ádemi video, raqmet'),
  c(0, '@tynysh_l', '', 'Adamdardy tynysh qaldyryńdar'),
  c(1, '@qylmys', '', 'Qorqytu — qylmys'),
  c(0, '@qai_jer', '', 'Qai jerde túsirilgen?'),
  c(0, '@men_de', '', 'Men de geimin, jáne qorqamyn'),
  c(0, '@olar_da_l', '', 'Olar da adam goi, tispeńder'),
  c(1, '@ne_boldy', '', 'Túsinbedim, ne boldy?'),

  // ---- English: hostile ----
  c(0, '@xx_dark', 'slur+insult', 'Disgusting faggots, get off my feed'),
  c(1, '@truth_teller', 'dehumanisation', 'These people are a disease'),
  c(0, '@lesson_time', 'threat', "Someone should teach them a lesson they won't forget"),
  c(0, '@facts_only', 'derogation', 'Gays are mentally ill, period'),
  c(1, '@steppe_wolf', 'dehumanisation', "Subhuman behaviour, Kazakhstan doesn't need this"),
  c(0, '@visit_them', 'threat', 'Find out where they live and pay them a visit'),
  c(0, '@sick_of_it', 'slur+insult', 'Homos everywhere now, sick'),
  c(1, '@lock_up', 'threat', 'They should all be locked up'),
  c(0, '@burn_it', 'threat', 'Burn them all'),
  c(1, '@ruined', 'slur+derogation', 'Trannies and gays ruining everything'),

  // ---- English: neutral, counter-speech, quotation, news, self-reference ----
  c(0, '@cute_stuff', '', 'Cute couple, leave them alone'),
  c(0, '@scary_thread', '', 'The comments here are scarier than any video'),
  c(0, '@reported', '', 'Threats in this thread have been reported to the platform'),
  c(1, '@why_hide', '', "Reading 'they are sick' in these comments is exactly why people hide"),
  c(0, '@almaty_gay', '', "As a gay man in Almaty I'm tired of this"),
  c(
    2,
    '@region_news',
    '',
    'Police in Almaty have not responded to the threats, a rights group says',
  ),
  c(0, '@my_dog', '', 'My dog barks at everyone too, nothing to see here'),
  c(0, '@airport', '', 'Just killing time before my flight'),
  c(0, '@song_id', '', 'What song is this?'),
  c(0, '@fyp_en', '', 'Why is this even on my For You page'),
  c(0, '@love_wins', '', 'Love wins ❤️'),
  c(
    1,
    '@quote_it',
    '',
    "Quoting the top comment: 'they should be beaten'. This is why we need hate crime laws",
  ),
  c(2, '@hope_so', '', 'Hope the police take the threats here seriously'),

  // ---- Mixed Russian–Kazakh ----
  c(0, '@aralas', 'derogation', 'Бұлар нормально емес, лечить надо'),
  c(0, '@uyat_pozor', 'slur+insult', 'Ұят! Позор вообще, пидорасы'),
  c(1, '@po_muzhski', 'threat', 'Мекенжайын тапсақ, объясним по-мужски'),
  c(0, '@ustau', 'slur+threat', 'Мына пидорларды ұстау керек'),
  c(0, '@balalar', '', 'Балалар, не читайте комменты, бәрі жақсы болады'),
  c(0, '@keremet', '', 'Керемет видео, красиво снято'),
  c(1, '@statya', '', 'Адам адамды қорқытпау керек, это статья'),
  c(0, '@uyat_emes', '', 'Вообще ұят емес, адамдар жай жүр ғой'),
  c(0, '@molodcy', '', 'Жарайсыңдар, молодцы что не боитесь'),
  c(0, '@arbat_evening', '', 'Кешке Арбатта гуляли, видела их, нормальные ребята'),
];
