// English rules. Written for the project; the rule layer folds Latin letters loosely
// (y → i, q → k, w → u, doubled letters → one) on both sides, so spell words normally.
import { any, END, gap, wordsPattern, type LexiconRule } from './types.ts';

const KILL = any(
  'kill' + END,
  'shot',
  'shoot',
  'hanged',
  'hang',
  'hung',
  'burned',
  'burnt',
  'burn',
  'stoned',
  'lynched',
  'lynch',
  'beaten',
  'beat',
  'murdered',
  'exterminated',
  'exterminate',
  'wiped out',
  'eliminated',
  'gassed',
  'executed',
  'put down',
  'slaughtered',
  'butchered',
  'stabbed',
  'castrated',
);
const GROUP = any(
  'gays',
  'gay people',
  'queers',
  'homos',
  'fags',
  'faggots',
  'trannies',
  'dykes',
  'lesbians',
  'trans people',
  'them',
  'they',
  'him',
  'her',
  'these people',
  'those people',
  'every',
  'all',
);

const ANIMALS = [
  'animal*',
  'beast*',
  'vermin',
  'rats',
  'rat',
  'cockroach*',
  'roaches',
  'parasite*',
  'pigs',
  'swine',
  'dogs',
  'apes',
  'monkeys',
  'insects',
  'maggots',
  'leeches',
  'lice',
  'cattle',
  'livestock',
];

export const EN_RULES: readonly LexiconRule[] = [
  {
    id: 'en.target.group',
    signal: 'target',
    words: [
      'gay',
      'gays',
      'lgbt*',
      'lgbtq*',
      'lesbian*',
      'homosexual*',
      'bisexual*',
      'trans',
      'transgender*',
      'transsexual*',
      'queer*',
      'nonbinary',
      'homosexuality',
      'sodomite*',
    ],
  },

  {
    id: 'en.slur.faggot',
    signal: 'slur',
    words: ['faggot*', 'fag', 'fags', 'fagg*', 'faggit*', 'fagot*', 'phag*'],
  },
  {
    id: 'en.slur.dyke',
    signal: 'slur',
    words: ['dyke', 'dykes', 'lezzie*', 'lezzies', 'lezbo*', 'lesbo*'],
  },
  {
    id: 'en.slur.tranny',
    signal: 'slur',
    words: ['tranny', 'trannies', 'shemale*', 'ladyboy*', 'trannie'],
  },
  {
    id: 'en.slur.homo',
    signal: 'slur',
    words: [
      'homo',
      'homos',
      'poof*',
      'poofter*',
      'pansy',
      'pansies',
      'fairies',
      'batty',
      'sodomite*',
      'queerbait*',
    ],
  },

  {
    id: 'en.dehum.nonhuman',
    signal: 'dehumanisation',
    words: ['subhuman*', 'untermensch*', 'degenerate*', 'abomination*'],
  },
  {
    id: 'en.dehum.not-human',
    signal: 'dehumanisation',
    pattern: any(
      'not ' + any('even ', '') + 'human',
      'not people',
      'less than human',
      'not real people',
      'barely human',
    ),
  },
  {
    id: 'en.dehum.animal',
    signal: 'dehumanisation',
    words: ANIMALS,
    needsTarget: true,
  },
  {
    id: 'en.dehum.they-are',
    signal: 'dehumanisation',
    pattern:
      any('they are', "they're", 'these people are', 'those people are', 'such people are') +
      gap(1) +
      wordsPattern(ANIMALS),
  },
  {
    id: 'en.dehum.on-society',
    signal: 'dehumanisation',
    pattern:
      any('cancer', 'plague', 'disease', 'parasites', 'tumour', 'tumor', 'virus', 'stain') +
      ' ' +
      any('on', 'of', 'in') +
      ' ' +
      any('society', 'our society', 'the country', 'our country', 'the nation', 'humanity'),
  },
  {
    id: 'en.dehum.disease',
    signal: 'dehumanisation',
    words: [
      'disease*',
      'plague*',
      'cancer*',
      'virus*',
      'infection*',
      'contagion*',
      'tumour*',
      'tumor*',
      'infestation*',
      'pestilence',
    ],
    needsTarget: true,
  },
  {
    id: 'en.dehum.filth',
    signal: 'dehumanisation',
    words: ['filth*', 'garbage', 'trash', 'rubbish', 'waste', 'scum', 'dirt', 'sewage'],
    needsTarget: true,
  },

  {
    id: 'en.threat.should-be',
    signal: 'threat',
    pattern:
      any(
        'should',
        'must',
        'need to',
        'needs to',
        'ought to',
        'deserve to',
        'deserves to',
        'have to',
        'has to',
        'gotta',
      ) +
      gap(2) +
      any('be ', 'all be ', 'get ', '') +
      KILL +
      '(?!\\p{L})',
  },
  {
    id: 'en.threat.i-will',
    signal: 'threat',
    pattern:
      any(
        "i'll",
        'i will',
        'i am going to',
        "i'm going to",
        'im going to',
        'we will',
        "we'll",
        'i am gonna',
        "i'm gonna",
        'im gonna',
        'gonna',
        'i would',
        "i'd",
        'i want to',
        'let us',
        "let's",
        'lets',
      ) +
      gap(2) +
      any(
        'kill',
        'shoot',
        'beat',
        'burn',
        'hang',
        'stab',
        'murder',
        'hunt',
        'find',
        'break',
        'smash',
        'lynch',
        'bash',
        'hurt',
        'destroy',
        'wipe',
      ) +
      '(?!\\p{L})',
  },
  {
    id: 'en.threat.kill-group',
    signal: 'threat',
    pattern: any(
      any('kill', 'shoot', 'hang', 'burn', 'gas', 'lynch', 'exterminate', 'stone', 'beat') +
        ' ' +
        any('all', 'every', 'the') +
        gap(1) +
        GROUP,
      any('kill', 'shoot', 'hang', 'burn', 'gas', 'lynch', 'exterminate', 'stone') +
        ' ' +
        any('them', "'em", 'those', 'these') +
        ' ' +
        any('all', 'people', 'freaks'),
      'a bullet',
    ),
  },
  {
    id: 'en.threat.vanish',
    signal: 'threat',
    pattern:
      any('should', 'must', 'need to', 'needs to', 'deserve to', 'ought to', 'hope', 'wish') +
      gap(2) +
      any(
        'disappear',
        'vanish',
        'not exist',
        'cease to exist',
        'go extinct',
        'be erased',
        'be wiped',
        'stop existing',
        'go away',
      ),
    needsTarget: true,
  },
  {
    id: 'en.threat.death-wish',
    signal: 'threat',
    pattern: any(
      // "die" as a wish, not "I'd die for this song": before punctuation or the end, or a slur.
      'die(?=\\s*(?:[,.!?]|$))',
      'die ' +
        any(
          'fag',
          'fags',
          'faggot',
          'faggots',
          'dyke',
          'dykes',
          'tranny',
          'trannies',
          'queer',
          'queers',
          'homo',
          'homos',
          'you',
          'all',
        ) +
        '(?!\\p{L})',
      'death to',
      'burn in hell',
      'hope ' + any('they', 'you', 'he', 'she') + ' die' + END,
      'should die',
      'deserve to die',
      'deserves to die',
      'to the gas',
      'gas chamber' + END,
      'firing squad',
      'beat ' + any('him', 'her', 'them') + ' to death',
      'to death',
    ),
  },
  {
    id: 'en.threat.incite',
    signal: 'threat',
    pattern: any(
      any(
        'deport',
        'expel',
        'kick out',
        'throw out',
        'drive out',
        'drive them out',
        'chase out',
        'run out',
      ) +
        gap(3) +
        any('country', 'city', 'town', 'kazakhstan'),
      'deport ' + any('every', 'all', 'them'),
      any('lock up', 'jail', 'imprison', 'round up', 'rounded up', 'locked up') +
        ' ' +
        any('every', 'all', 'them', 'these', 'those', 'the'),
      'round them up',
      any('take', 'taking', 'took') + gap(2) + any('kids', 'children', 'child') + ' away',
      'belong ' +
        any(
          'in prison',
          'in jail',
          'behind bars',
          'in a camp',
          'in camps',
          'in hell',
          'in the ground',
          'in an asylum',
        ),
      'drive them out',
      any('find', 'get') + ' ' + any('their', 'his', 'her') + ' address' + END,
      'where ' + any('he', 'she', 'they') + ' ' + any('live', 'lives'),
      'pay ' + any('them', 'him', 'her') + ' a visit',
      'teach ' + any('them', 'him', 'her', 'those', 'these') + gap(2) + 'lesson',
      'with ' + any('sticks', 'bats', 'fists', 'stones', 'knives'),
      'who is with me',
      "who's with me",
      'burn ' +
        any('their', 'the', 'his', 'her') +
        gap(1) +
        any('club', 'bar', 'house', 'home', 'office') +
        END,
    ),
  },

  {
    id: 'en.insult.abuse',
    signal: 'insult',
    words: [
      'scum*',
      'bitch*',
      'bastard*',
      'idiot*',
      'moron*',
      'retard*',
      'freak*',
      'creep*',
      'cunt*',
      'asshole*',
      'losers',
      'loser',
      'worthless',
      'pathetic',
      'disgusting',
      'trash',
      'filthy',
      'pigs',
      'whore*',
      'slut*',
      'shit*',
      'dumbass*',
      'imbecile*',
      'perverts',
    ],
    needsTarget: true,
  },
  {
    id: 'en.insult.strong',
    signal: 'insult',
    words: ['scumbag*', 'motherfucker*', 'fuckers', 'cunts'],
  },

  {
    id: 'en.derog.sick',
    signal: 'derogation',
    words: [
      'sick',
      'ill',
      'illness*',
      'mentally',
      'disorder*',
      'treatment',
      'cure*',
      'cured',
      'therapy',
      'conversion',
      'abnormal',
      'unnatural',
      'deviant*',
      'deviation*',
      'defective',
      'broken',
      'delusional',
      'confused',
    ],
    needsTarget: true,
  },
  {
    id: 'en.derog.they-are-sick',
    signal: 'derogation',
    pattern:
      any('they are', "they're", 'these people are', 'those people are', 'such people are') +
      gap(1) +
      any('sick', 'mentally ill', 'ill', 'abnormal', 'deviants', 'perverts', 'diseased'),
  },
  {
    id: 'en.derog.must-treat',
    signal: 'derogation',
    pattern:
      any('they', 'them', 'such people', 'these people', 'those people') +
      gap(2) +
      any('need', 'needs', 'should get', 'must get', 'should be sent to') +
      gap(1) +
      any(
        'treatment',
        'therapy',
        'conversion therapy',
        'a psychiatrist',
        'a doctor',
        'cured',
        'fixed',
        'help',
      ),
  },
  {
    id: 'en.derog.pervert',
    signal: 'derogation',
    words: [
      'pervert*',
      'perversion*',
      'perverted',
      'groomer*',
      'grooming',
      'predator*',
      'paedo*',
      'pedo*',
      'pedophile*',
      'paedophile*',
    ],
  },
  {
    id: 'en.derog.sin',
    signal: 'derogation',
    words: [
      'sin',
      'sins',
      'sinful',
      'sinners',
      'sinner',
      'immoral',
      'ungodly',
      'depraved',
      'depravity',
      'wicked',
      'shameful',
    ],
    needsTarget: true,
  },
  {
    id: 'en.derog.danger',
    signal: 'derogation',
    pattern: any(
      any('a ', '') + any('threat', 'danger', 'menace') + ' to',
      'dangerous',
      'harmful',
      'no place',
      "don't belong",
      'do not belong',
      'not welcome',
      'not our culture',
      'mistake of nature',
      'mistakes of nature',
    ),
    needsTarget: true,
  },
  {
    id: 'en.derog.propaganda',
    signal: 'derogation',
    words: [
      'propaganda',
      'agenda',
      'indoctrinat*',
      'corrupting',
      'corrupt',
      'recruiting',
      'contagious',
    ],
    needsTarget: true,
  },
  {
    id: 'en.derog.ban',
    signal: 'derogation',
    pattern:
      any('ban', 'banned', 'outlaw', 'outlawed', 'criminalise', 'criminalize') +
      gap(2) +
      any('gay', 'lgbt' + END, 'homosexuality', 'trans', 'them'),
    needsTarget: true,
  },
  {
    id: 'en.derog.not-normal',
    signal: 'derogation',
    pattern: any(
      'not normal',
      'against nature',
      'against god',
      'not natural',
      'a choice',
      'a phase',
      'a lifestyle',
    ),
    needsTarget: true,
  },

  {
    id: 'en.counter.calling-is-wrong',
    signal: 'counter_speech',
    pattern: any(
      any(
        'calling',
        'call',
        'insulting',
        'harassing',
        'threatening',
        'attacking',
        'hating',
        'bullying',
        'mocking',
        'saying',
        'claiming',
        'pretending',
      ) +
        gap(4) +
        any('is', 'are', "it's", 'its') +
        ' ' +
        any('', 'just ', 'simply ', 'plain ', 'pure ') +
        any(
          'wrong',
          'vile',
          'disgusting',
          'not ok',
          'not okay',
          'unacceptable',
          'hate',
          'cruel',
          'shameful',
          'bigotry',
          'a crime',
          'never ok',
          'ignorance',
          'ignorant',
          'nonsense',
          'false',
          'a lie',
          'a myth',
        ),
      any("don't", 'dont', 'do not', 'stop', 'never', 'quit') +
        gap(1) +
        any(
          'call',
          'calling',
          'insult',
          'insulting',
          'harass',
          'harassing',
          'attack',
          'attacking',
          'threaten',
          'threatening',
          'bully',
          'bullying',
          'hate',
          'hating',
          'mock',
          'mocking',
        ),
      'it is wrong to',
      "it's wrong to",
      'stop the ' + any('hate', 'harassment', 'bullying', 'violence'),
    ),
  },
  {
    id: 'en.counter.stop-hate',
    signal: 'counter_speech',
    pattern: any(
      any('stop', 'end', 'no to', 'no more', 'against', 'fight', 'stand up to', 'stand against') +
        ' ' +
        any('the ', '') +
        any('hate', 'hatred', 'homophobia', 'transphobia', 'bigotry', 'violence', 'harassment'),
      'hate against',
      any('homophobia', 'transphobia', 'bigotry') + ' ' + any('is', 'kills', 'has no place'),
      'this is ' + any('hate', 'homophobia', 'transphobia', 'harassment', 'bullying'),
      'love is love',
    ),
  },
  {
    id: 'en.counter.human',
    signal: 'counter_speech',
    pattern: any(
      any('are', 'is') +
        ' ' +
        any('human', 'people', 'humans') +
        ' ' +
        any('too', 'like everyone', 'like us', 'like anyone'),
      'human like everyone',
      'just people',
      'human beings',
      any('have', 'has', 'deserve', 'deserves') +
        ' ' +
        any('the right', 'rights', 'equal rights', 'respect', 'dignity'),
      'nobody deserves',
      any('no one', 'nobody') + ' ' + any('should', 'must', 'has the right to', 'deserves to'),
      'no one deserves',
      'human rights',
      'i support',
      'we support',
      'solidarity',
      'stand with',
    ),
  },

  {
    id: 'en.quote.called-us',
    signal: 'quotation',
    pattern: any(
      any('called', 'call', 'calls', 'calling', 'named', 'labelled', 'labeled') +
        ' ' +
        any('me', 'us', 'him', 'her', 'them', 'gays', 'gay people', 'lgbt people', 'trans people'),
      any('yelled', 'shouted', 'screamed', 'wrote', 'messaged', 'texted', 'said', 'told') +
        ' ' +
        any('at me', 'at us', 'to me', 'to us', 'me', 'us'),
      any('someone', 'somebody', 'they', 'he', 'she', 'people', 'comments') +
        ' ' +
        any('wrote', 'write', 'writes', 'messaged', 'posted', 'yelled', 'shouted'),
      any('filed', 'file', 'made', 'submitted') +
        ' ' +
        any('a report', 'a complaint', 'a police report', 'report'),
      'screenshot' + END,
      'called the police',
      'reported ' + any('it', 'them', 'him', 'her', 'this'),
    ),
  },
  {
    id: 'en.quote.said',
    signal: 'quotation',
    pattern: any(
      'wrote',
      'writes',
      'said',
      'says',
      'yelled',
      'shouted',
      'posted',
      'tweeted',
      'commented',
      'quote' + END,
    ),
    needsQuotedHate: true,
  },

  {
    id: 'en.news.attack',
    signal: 'news',
    pattern: any(
      any('was', 'were', 'been', 'got') +
        ' ' +
        any(
          'attacked',
          'beaten',
          'assaulted',
          'killed',
          'stabbed',
          'shot',
          'injured',
          'arrested',
          'detained',
          'murdered',
        ),
      'police',
      'attackers',
      'assailants',
      'suspect' + END,
      'detained',
      'arrested',
      'reports',
      'reported that',
      'according to',
      'the court',
      'sentenced',
      'investigation',
      'in hospital',
      'hospitalised',
      'hospitalized',
      'victim' + END,
      'the outlet',
      'news',
    ),
  },

  {
    id: 'en.self.i-am',
    signal: 'self_reference',
    pattern:
      any(
        "i'm",
        'im',
        'i am',
        'as a',
        'as an',
        'we are',
        "we're",
        'i have been',
        "i've been",
        'proud to be',
        'i came out as',
      ) +
      gap(1) +
      any(
        'gay',
        'lesbian',
        'bi',
        'bisexual',
        'trans',
        'transgender',
        'queer',
        'nonbinary',
        'pansexual',
        'asexual',
        'intersex',
        'dyke',
        'homosexual',
      ) +
      '(?!\\p{L})',
  },
  {
    id: 'en.self.coming-out',
    signal: 'self_reference',
    pattern: any(
      'came out',
      'coming out',
      'my husband and i',
      'my wife and i',
      'my boyfriend and i',
      'my girlfriend and i',
    ),
  },

  {
    id: 'en.neutral.dog',
    signal: 'neutral_use',
    pattern: any(
      any('my', 'our', 'your', "neighbour's", "neighbor's", 'the', 'a') +
        gap(1) +
        any('dog', 'dogs', 'pig', 'pigs', 'rat', 'rats', 'cat', 'puppy') +
        '(?!\\p{L})',
      any('dog', 'dogs') + ' ' + any('bark' + END, 'walk' + END, 'love' + END, 'food', 'park'),
    ),
  },
  {
    id: 'en.neutral.kill',
    signal: 'neutral_use',
    pattern: any(
      any('kill', 'killing', 'killed', 'kills') +
        ' ' +
        any(
          'time',
          'it',
          'the process',
          'the lights',
          'the engine',
          'the music',
          'a mosquito',
          'the bug',
          'the app',
          'two birds',
        ),
      'killing the process',
      'killed it',
      'killing it',
      'dressed to kill',
      'killer ' + any('app', 'song', 'track', 'look', 'deal'),
      'beat ' +
        any('the', 'me', 'us', 'them') +
        ' ' +
        any('traffic', 'record', 'game', 'deadline', 'heat'),
      'burn ' + any('calories', 'fat'),
      'shoot ' + any('a photo', 'photos', 'a video', 'video', 'the scene'),
    ),
  },
  {
    id: 'en.neutral.fag',
    signal: 'neutral_use',
    pattern: any(
      'fag ' + any('break', 'end', 'ends', 'packet'),
      'no homo',
      any('a', 'another', 'light', 'lit') + ' fag',
      'fags and ' + any('beer', 'booze', 'tea'),
    ),
  },
  {
    id: 'en.neutral.illness',
    signal: 'neutral_use',
    pattern: any(
      'the flu',
      'flu',
      'cold',
      'covid',
      any('heart', 'lung', 'kidney', 'rare', 'dangerous', 'chronic') + ' disease',
      'sick ' + any('day', 'leave', 'child', 'kid', 'mother', 'father', 'of'),
      'feeling sick',
      'cancer ' + any('patient', 'treatment', 'research', 'survivor'),
      'take care',
    ),
  },
];
