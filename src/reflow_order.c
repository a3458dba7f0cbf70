/*
 * reflow_order.c - the reading order of one story's paragraphs; see
 *                  reflow_order.h.
 *
 * Public functions:
 *     bs_reflow_order_search
 *
 * Every way of moving one block of paragraphs elsewhere (m^3 for m
 * paragraphs) is scored by what changes at its three seams, so one move
 * costs a few additions; the best orders of one, two and three moves (a
 * beam) are then scored whole for the depth of their columns, which no
 * seam can see: a story's columns are set to one depth, so a short run
 * of text between two column breaks (cuts, or seams the order moved)
 * marks a column begun in its middle or a block moved that is no whole
 * column, and a story does not end on a few characters.  The best order
 * wins once each move has paid REFLOW_MOVE_COST: moving a column is the
 * exception, and text the scores have no opinion about stays where the
 * OCR put it.
 */
#include "reflow_order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Block moves tried per story: OCR's reading order puts one or two
 * columns in the wrong place. */
#define REFLOW_MAX_MOVES 3
/* Orders kept at each number of moves (the search's beam).  The column
 * depth term is read on whole orders, so the move that gains most at its
 * seams need not lead to the best order: with that term, keeping only
 * the best (greedy moves) gave zh seeds 1-9 aca 0.9727, 8 gave 0.9757,
 * 32 no more (0.9725 without the term, for which the beam changed no
 * story). */
#define REFLOW_MOVE_BEAM 8
/* A story's columns are set to one depth, so the text between two cuts
 * in the order read (a column, or several where a column happened to end
 * on a sentence's end) is seldom short beside the story's longest such
 * run.  A run other than the last (which a story ends on wherever its
 * text runs out) shorter than this share of the longest is a column
 * begun at a paragraph start in its middle: the mark of an order that
 * starts or goes on at the wrong paragraph.  On synthetic pages, whose
 * columns vary from 140 to 260 characters, the true order has such a run
 * in 4 of the 1,688 stories read right and in 1 of the 55 read wrong,
 * the wrong order read in 10 of those 55 (at 0.4 of the longest; 0.5
 * and 0.6 catch more of both, 0.35 and 0.45 restored fewer; measured
 * when only cuts ended a run, and kept since for runs between cuts:
 * REFLOW_MOVED_COLUMN_SHARE). */
#define REFLOW_SHORT_COLUMN_SHARE 0.4
/* Penalty (natural log) per such short column: less than a move costs,
 * so a column just short decides between orders the text reads about
 * alike and never pays for a move alone (1, 1.5 and 2 restored about the
 * same stories, 0.5 fewer) ... */
#define REFLOW_SHORT_COLUMN_PENALTY 1.5
/* ... plus this much per unit of log(share * longest / run): the shorter
 * the run, the surer it is no column (a fifth of the longest pays 4.3, a
 * tenth 7).  Weights 1 to 8 tried: 4 and 6 best on zh seeds 1-9 (0.9757
 * -> 0.9770) and 10-29 (0.9661 -> 0.9667). */
#define REFLOW_SHORT_COLUMN_SLOPE 4.0
/* Columns move whole, so where an order leaves the input's sequence after
 * a paragraph end one column ends and another begins: the text between
 * such a moved seam and the next break, or between a break and a moved
 * seam, is a column too, and a move that leaves one short (a paragraph
 * moved away from its column, or a column's part left behind) is
 * doubtful.  Such a run pays when shorter than this share of the
 * story's longest run (0.5 to 0.8 tried on zh seeds 10-29: 0.6 best;
 * runs between cuts stay at REFLOW_SHORT_COLUMN_SHARE, for at 0.6 the
 * seed page's 大讲堂 story, whose first column is short beside its
 * last run, was read from its second) ... */
#define REFLOW_MOVED_COLUMN_SHARE 0.6
/* ... at most this much (natural log): OCR does move a column's part
 * now and then (its last line read after the next column, a page's last
 * words set apart: testdata/reflow/zh_page_end.txt), which a clear join
 * must still put back.  Uncapped, the term took two such stories of our
 * fixtures from their place; 2 to 3 restore as many synthetic stories
 * (zh seeds 10-29 0.9720 -> 0.9761, 30-49 0.9714 -> 0.9774).  The cap
 * holds too where the run, between cuts, would pay more: a move may carry
 * a short piece (that line) away at this price.  Charging such a run at
 * least its between-cuts penalty changed 1 synthetic story in 4,000 and
 * put both fixtures' line pieces back in the wrong place. */
#define REFLOW_MOVED_COLUMN_MAX_PENALTY 2.5
/* A story's last column (the text after its last column break) holds
 * more than a few characters: typesetters do not leave a paragraph's last
 * characters alone at the head of a column, so an order ending on so
 * short a run ("…稳定在3000万人以" + "上。") has put the column they head
 * in the wrong place.  Characters (the synthetic pages' last columns hold
 * 10 or more; 6 restored fewer stories) ... */
#define REFLOW_WIDOW_CHARS 10
/* ... and the penalty (natural log) for a last run shorter: less than a
 * move, it decides between moves (1.5 and 3 restored the same stories:
 * zh seeds 10-29 0.9761 -> 0.9769, 30-49 0.9774 -> 0.9779). */
#define REFLOW_WIDOW_PENALTY 1.5
/* Log odds a block move must gain to be made: moving a column is the
 * exception, so evidence must outweigh e^3.5 (33 to 1) against it (2 to 5
 * tried on six synthetic seeds of 200 stories: 4 restored most; 3.5 once
 * a story opening mid-sentence pays REFLOW_OPEN_START_PENALTY and ties
 * keep the input's seams: aca +0.3 to +0.4 points on three seeds, no
 * seed worse; 3 worse on three). */
#define REFLOW_MOVE_COST 3.5
/* Penalty (natural log) for a story that ends cut: its rest is
 * elsewhere, most often at its top (a column read too late). */
#define REFLOW_OPEN_END_PENALTY 3.0
/* Bonus (natural log) for two paragraphs left next to each other as the
 * input had them.  Orders the model cannot tell apart (every seam a
 * paragraph end: "…终端。" + "入网工作后，…") tie, and the first block
 * move found used to win; of two such orders the one keeping more of the
 * input's seams moved less text.  A tenth of a nat breaks ties without
 * outweighing any evidence (0, 0.1, 0.3, 0.6, 1 tried on six synthetic
 * seeds: 0.1 best on all, aca +0.1 to +0.35 points zh, +0.6 en). */
#define REFLOW_INPUT_SEAM_BONUS 0.1
/* Gains closer than this are ties: the first move found is kept. */
#define REFLOW_ORDER_EPSILON 1e-9

/* Score of the adjacency a, b in an order; (size_t)-1 stands for the
 * start (a) or the end (b). */
static double adjacency(const bs_reflow_order_scores *c, size_t a, size_t b)
{
    if (a == (size_t)-1)
        return b == (size_t)-1 ? 0 : c->first[b];
    if (b == (size_t)-1)
        return (c->open[a] ? -REFLOW_OPEN_END_PENALTY : 0) + (c->closing ? c->closing[a] : 0);
    return c->follow[a * c->m + b] + (b == a + 1 ? REFLOW_INPUT_SEAM_BONUS : 0);
}

/* A candidate of the move search: the order it comes from (index into
 * the beam), the block moved (units i..j put before position k) and the
 * score of the order it makes. */
typedef struct move_cand {
    size_t from, i, j, k;
    double score;
} move_cand;

/* Every move of one block of order[] (score base) offered to the list
 * cand[] (*n of at most cap, best first). */
static void offer_block_moves(const bs_reflow_order_scores *c, const size_t *order, double base, size_t from,
                              move_cand *cand, size_t *n, size_t cap)
{
    const size_t none = (size_t)-1, m = c->m;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i; j < m; j++) {
            if (i == 0 && j == m - 1)
                continue;
            size_t prev = i ? order[i - 1] : none, nxt = j + 1 < m ? order[j + 1] : none;
            double out = adjacency(c, prev, nxt) - adjacency(c, prev, order[i]) - adjacency(c, order[j], nxt);
            for (size_t k = 0; k <= m; k++) {
                if (k >= i && k <= j + 1)
                    continue;
                size_t x = k ? order[k - 1] : none, y = k < m ? order[k] : none;
                double g = base + out + adjacency(c, x, order[i]) + adjacency(c, order[j], y) -
                           adjacency(c, x, y);
                if (*n == cap && g <= cand[cap - 1].score + REFLOW_ORDER_EPSILON)
                    continue;
                size_t p = *n < cap ? (*n)++ : cap - 1;
                while (p > 0 && cand[p - 1].score < g - REFLOW_ORDER_EPSILON) {
                    cand[p] = cand[p - 1];
                    p--;
                }
                cand[p] = (move_cand){from, i, j, k, g};
            }
        }
}

/* Move order[i..j] before position k (k < i or k > j + 1). */
static void apply_block_move(size_t *order, size_t m, size_t i, size_t j, size_t k)
{
    size_t *tmp = bs_xmalloc(m * sizeof(*tmp));
    size_t n = 0;
    for (size_t p = 0; p <= m; p++) {
        if (p == k)
            for (size_t q = i; q <= j; q++)
                tmp[n++] = order[q];
        if (p < m && (p < i || p > j))
            tmp[n++] = order[p];
    }
    memcpy(order, tmp, m * sizeof(*tmp));
    free(tmp);
}

/* Score of a whole order at its seams: the sum of its adjacencies. */
static double seam_score(const bs_reflow_order_scores *c, const size_t *order)
{
    const size_t none = (size_t)-1;
    double s = adjacency(c, none, order[0]) + adjacency(c, order[c->m - 1], none);
    for (size_t p = 0; p + 1 < c->m; p++)
        s += adjacency(c, order[p], order[p + 1]);
    return s;
}

/* Score of an order for its columns' depths: a penalty for each run of
 * text, other than the last, shorter than a share of the story's longest
 * run, the more the shorter it is.  Runs end at a cut (a unit that ends
 * open, c->open, with more of the story after it) and at a moved seam
 * after a closed unit (the next unit is not its input successor).  A
 * run between cuts (or from the story's start) is short below
 * REFLOW_SHORT_COLUMN_SHARE; one that starts or ends at a moved seam
 * below REFLOW_MOVED_COLUMN_SHARE, and pays at most
 * REFLOW_MOVED_COLUMN_MAX_PENALTY.  A last run of fewer than
 * REFLOW_WIDOW_CHARS characters pays REFLOW_WIDOW_PENALTY. */
static double column_depth_score(const bs_reflow_order_scores *c, const size_t *order)
{
    /* A story is ordered only up to BS_REFLOW_ORDER_MAX_UNITS units, so it
     * has at most that many runs (bs_reflow_order_search returns before
     * larger ones; the test below guards the arrays all the same). */
    size_t runs[BS_REFLOW_ORDER_MAX_UNITS], n = 0, run = 0, longest = 0;
    int at_move[BS_REFLOW_ORDER_MAX_UNITS], after_move = 0;
    if (c->m > BS_REFLOW_ORDER_MAX_UNITS)
        return 0;
    for (size_t p = 0; p < c->m; p++) {
        run += c->chars[order[p]];
        int last = p + 1 == c->m, cut = c->open[order[p]];
        int moved = !last && !cut && order[p + 1] != order[p] + 1;
        if (last || cut || moved) {
            at_move[n] = after_move || moved;
            runs[n++] = run;
            if (run > longest)
                longest = run;
            run = 0;
            after_move = moved;
        }
    }
    double score = 0;
    for (size_t q = 0; q + 1 < n; q++) {
        double share = at_move[q] ? REFLOW_MOVED_COLUMN_SHARE : REFLOW_SHORT_COLUMN_SHARE;
        double column = share * (double)longest;
        if ((double)runs[q] >= column)
            continue;
        double penalty = REFLOW_SHORT_COLUMN_PENALTY +
                         REFLOW_SHORT_COLUMN_SLOPE * log(column / (double)(runs[q] ? runs[q] : 1));
        score -= at_move[q] && penalty > REFLOW_MOVED_COLUMN_MAX_PENALTY ? REFLOW_MOVED_COLUMN_MAX_PENALTY
                                                                         : penalty;
    }
    if (n > 1 && runs[n - 1] < REFLOW_WIDOW_CHARS)
        score -= REFLOW_WIDOW_PENALTY;
    return score;
}

/* The search keeps the REFLOW_MOVE_BEAM best orders by their seams at
 * each number of moves, up to REFLOW_MAX_MOVES, and reads the column term
 * on each. */
void bs_reflow_order_search(const bs_reflow_order_scores *c, size_t *order)
{
    if (c->m < 2 || c->m > BS_REFLOW_ORDER_MAX_UNITS)
        return;
    const size_t beam_cap = REFLOW_MOVE_BEAM, m = c->m;
    size_t *beam = bs_xmalloc(beam_cap * m * sizeof(*beam)), *next = bs_xmalloc(beam_cap * m * sizeof(*next));
    double *score = bs_xmalloc(beam_cap * sizeof(*score));
    move_cand *cand = bs_xmalloc(beam_cap * sizeof(*cand));
    size_t nbeam = 1;
    memcpy(beam, order, m * sizeof(*beam));
    score[0] = seam_score(c, order);
    double best = score[0] + column_depth_score(c, order);
    for (int move = 1; move <= REFLOW_MAX_MOVES; move++) {
        size_t n = 0;
        for (size_t b = 0; b < nbeam; b++)
            offer_block_moves(c, beam + b * m, score[b], b, cand, &n, beam_cap);
        size_t nnext = 0;
        for (size_t q = 0; q < n; q++) {
            size_t *o = next + nnext * m;
            memcpy(o, beam + cand[q].from * m, m * sizeof(*o));
            apply_block_move(o, m, cand[q].i, cand[q].j, cand[q].k);
            int seen = 0;
            for (size_t r = 0; r < nnext && !seen; r++)
                seen = memcmp(next + r * m, o, m * sizeof(*o)) == 0;
            if (seen)
                continue;
            score[nnext] = cand[q].score;
            double total = cand[q].score + column_depth_score(c, o) - move * REFLOW_MOVE_COST;
            if (total > best + REFLOW_ORDER_EPSILON) {
                best = total;
                memcpy(order, o, m * sizeof(*o));
            }
            nnext++;
        }
        size_t *t = beam;
        beam = next;
        next = t;
        nbeam = nnext;
        if (!nbeam)
            break;
    }
    free(beam);
    free(next);
    free(score);
    free(cand);
}
