/**
 * The interview bank's page: every question of every chapter's questions.md, grouped by chapter,
 * with the question shown and the model answer, key points, follow-ups and wrong answers folded.
 *
 * @module
 */
import { chapters } from '../../registry.js';
import type { Question } from '../../interview/question.js';
import { layout, type Page } from '../layout.js';
import { exercisePage, hrefBetween, interviewPage, sitePageOf } from '../links.js';
import { escapeHtml, highlightCode, plainText, renderInline, renderMarkdown, type TocEntry } from '../markdown.js';

/** One folded part of an answer: a `<details>` with a summary. */
function folded(kind: string, summary: string, html: string): string {
  return `<details class="${kind}"><summary>${summary}</summary>\n${html}</details>`;
}

/** The HTML of one question. */
function questionHtml(question: Question): string {
  const options = { source: question.source.file, firstLine: question.source.line, page: interviewPage };
  const list = (items: readonly string[]): string => `<ul>\n${items.map((item) => `<li>${renderInline(item, options)}</li>`).join('\n')}\n</ul>\n`;
  const sections = question.sections.map((section) => {
    const page = sitePageOf(section.file);
    if (page === undefined) throw new Error(`${question.source.file}:${question.source.line}: ${question.id}: Section links to ${section.file}, which has no page on the site`);
    return `<a href="${escapeHtml(hrefBetween(interviewPage, page, section.anchor))}">${escapeHtml(section.text)}</a>`;
  });
  const exercises = question.exercises.map((id) => `<a href="${hrefBetween(interviewPage, exercisePage(id))}"><code>${escapeHtml(id)}</code></a>`);
  const meta = [
    `<span class="difficulty difficulty-${question.difficulty}">${question.difficulty}</span>`,
    `<span class="kind">${question.kind}</span>`,
    ...question.topics.map((topic) => `<span class="topic">${escapeHtml(topic)}</span>`),
  ];
  const references = [
    `<li>Read: ${sections.join(', ')}</li>`,
    exercises.length === 0 ? '' : `<li>Build: ${exercises.join(', ')}</li>`,
    question.demo === undefined ? '' : `<li>Watch it happen: <code>npm run demo ${escapeHtml(question.demo)}</code></li>`,
  ].filter((item) => item !== '');
  return `<article class="question" id="${question.id}">
<h3>${renderInline(question.title, options)}</h3>
<p class="question-meta">${meta.join(' ')}</p>
<div class="question-text">
${renderMarkdown(question.question, options).html}</div>
${folded('answer', 'Model answer', renderMarkdown(question.answer, options).html)}
${folded('key-points', 'Key points', list(question.keyPoints))}
${folded('follow-ups', 'Follow-ups', list(question.followUps))}
${folded('wrong-answers', 'Common wrong answers', list(question.wrongAnswers))}
<ul class="question-links">
${references.join('\n')}
</ul>
</article>`;
}

/** The page of the interview bank. */
export function interviewPageOf(bank: readonly Question[]): Page {
  const toc: TocEntry[] = [];
  const groups: string[] = [];
  for (const chapter of chapters) {
    const questions = bank.filter((question) => question.chapter === chapter.id);
    if (questions.length === 0) continue;
    toc.push({ level: 2, id: chapter.id, text: chapter.title });
    for (const question of questions) toc.push({ level: 3, id: question.id, text: plainText(question.title) });
    groups.push(`<section class="chapter-questions">
<h2 id="${chapter.id}">${escapeHtml(chapter.title)}</h2>
<p>From <a href="${hrefBetween(interviewPage, sitePageOf(`chapters/${chapter.id}/README.md`)!)}">chapter ${chapter.id.slice(0, 2)}</a>; ${questions.length} question${questions.length === 1 ? '' : 's'}.</p>
${questions.map(questionHtml).join('\n')}
</section>`);
  }
  const body = `<h1 id="top">Interview questions</h1>
<p>${bank.length} questions an interviewer asks about caching, by chapter. Try each one aloud before you open the model answer. Practise them in the terminal, with spaced repetition or as a timed mock interview:</p>
${highlightCode('npm run interview', 'sh')}
${groups.join('\n')}`;
  return layout({ path: interviewPage, title: 'Interview questions', body, toc });
}
