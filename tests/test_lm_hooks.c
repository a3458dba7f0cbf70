/*
 * test_lm_hooks.c - the language models as reassembly and stitching see
 * them: dehyphenation and cut continuity through the pipeline's callbacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "lm_hooks.h"
#include "pipeline.h"
#include "testenv.h"

static void test_hooks_decide_with_models(void **state)
{
    (void)state;
    const char *build = getenv("BS_BUILD");
    char *dir = bs_test_path(build ? build : "build", "models");
    setenv("BROADSHEET_MODELS", dir, 1);
    free(dir);
    bs_error warn = {0};
    bs_lm_hooks *h = bs_lm_hooks_open(NULL, &warn);
    if (!h->zh || !h->en)
        fail_msg("models not found: %s", warn.msg);
    bs_pipeline_options opt = bs_pipeline_options_default();
    assert_null(opt.reassemble.build.para.hyphen_scorer);
    bs_lm_hooks_apply(h, &opt);
    bs_hyphen_scorer hy = opt.reassemble.build.para.hyphen_scorer;
    void *ctx = opt.reassemble.build.para.hyphen_ctx;
    assert_non_null(hy);
    assert_int_equal(hy(ctx, "democ", "racy"), 1);
    assert_int_equal(hy(ctx, "govern", "ment"), 1);
    assert_int_not_equal(hy(ctx, "well", "known"), 1);
    /* Continuity across a cut: the middle of a sentence continues, a new
     * paragraph after a full stop does not (in both scripts). */
    double (*cut)(const char *, const char *, void *) = opt.stitch.lm.cut_score;
    assert_non_null(cut);
    assert_true(cut("发展提供了坚实的", "基础和广阔的空间。", opt.stitch.lm.ctx) >
                cut("发展提供了坚实的基础。", "本报讯今年以来，", opt.stitch.lm.ctx));
    assert_true(cut("the council voted to", "approve the plan on", opt.stitch.lm.ctx) >
                cut("the council voted on Monday.", "In other business,", opt.stitch.lm.ctx));
    /* Dictionary hit rate: real text against the same characters and
     * letters scrambled, as OCR garbage is. */
    double zh_clean = bs_lm_hooks_dict_hit(h, "国务院总理主持召开常务会议，研究部署进一步推动经济高质量发展的政策措施。");
    double zh_garbage = bs_lm_hooks_dict_hit(h, "议质务推措理常会院召国，步究施发主进研一动总开部经持展政济的署量策高。");
    double en_clean = bs_lm_hooks_dict_hit(h, "The council approved the new budget for schools on Monday.");
    double en_garbage = bs_lm_hooks_dict_hit(h, "Tbe cnuocil appvroed tje nwe bdugte fro shcools xn Mnodya.");
    assert_true(zh_clean > 0.75);
    assert_true(zh_garbage < zh_clean - 0.3);
    assert_true(en_clean > 0.95);
    assert_true(en_garbage < 0.5);
    assert_true(bs_lm_hooks_dict_hit(h, "12345 ，。") < 0);
    bs_lm_hooks_close(h);
}

static void test_hooks_without_models(void **state)
{
    (void)state;
    setenv("BROADSHEET_MODELS", "/nonexistent-models-dir", 1);
    bs_error warn = {0};
    /* An executable path whose neighbours hold no models either. */
    bs_lm_hooks *h = bs_lm_hooks_open("/nonexistent/bin/broadsheet", &warn);
    assert_null(h->zh);
    assert_null(h->en);
    assert_int_not_equal(warn.code, 0);
    bs_pipeline_options opt = bs_pipeline_options_default();
    bs_lm_hooks_apply(h, &opt);
    assert_null(opt.reassemble.build.para.hyphen_scorer);
    assert_null(opt.stitch.lm.cut_score);
    bs_lm_hooks_close(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hooks_decide_with_models),
        cmocka_unit_test(test_hooks_without_models),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
