"""Invented furniture of a newspaper: names, mastheads, dates, bylines, captions, jump lines."""
import datetime
import re

CN_DIGITS = '零一二三四五六七八九'


def cn_num(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return '十' + (CN_DIGITS[n % 10] if n % 10 else '')
    if n < 100:
        return CN_DIGITS[n // 10] + '十' + (CN_DIGITS[n % 10] if n % 10 else '')
    return str(n)


SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
GIVEN = '明新华丽伟强军平静敏磊洋勇艳杰娟涛超秀霞刚桂英芳燕玲丹萍鹏辉斌宇浩凯健俊帆帅旭宁晨博文雪琳晶颖慧莉倩欣佳悦思远航毅峰亮成振海波涛宏志鑫瑞'
EN_FIRST = ['John', 'Mary', 'David', 'Susan', 'Michael', 'Linda', 'James', 'Karen', 'Robert', 'Helen',
            'Peter', 'Anne', 'Thomas', 'Laura', 'Daniel', 'Sarah', 'Mark', 'Ellen', 'Paul', 'Rachel',
            'Steven', 'Nancy', 'Andrew', 'Julia', 'Kevin', 'Diane', 'Brian', 'Carol', 'George', 'Ruth']
EN_LAST = ['Smith', 'Miller', 'Baker', 'Turner', 'Hughes', 'Parker', 'Collins', 'Reed', 'Foster',
           'Howard', 'Ward', 'Brooks', 'Bennett', 'Gray', 'Hayes', 'Price', 'Sanders', 'Ross', 'Long',
           'Fisher', 'Ellis', 'Harper', 'Warren', 'Porter', 'Hunt', 'Palmer', 'Lane', 'Mason', 'Webb']

ZH_PAPERS = ['城市晨报', '滨江日报', '东方时报', '江南都市报', '新城日报', '北岸晚报', '华东商报', '临海日报']
HANT_PAPERS = ['城市晨報', '濱江日報', '東方時報', '港灣日報', '新城日報', '北岸晚報', '寶島商報', '臨海日報']
EN_PAPERS = ['The Daily Ledger', 'The Morning Courier', 'The Riverside Herald', 'The Evening Standard-Post',
             'The Lakeside Tribune', 'The Valley Gazette', 'The Harbor Times', 'The Commercial Record']

ZH_SECTIONS = ['要闻', '国内', '经济', '国际', '社会', '城市', '文化', '科教', '体育', '综合']
HANT_SECTIONS = ['要聞', '國內', '經濟', '國際', '社會', '城市', '文化', '科教', '體育', '綜合']
EN_SECTIONS = ['NATION', 'WORLD', 'BUSINESS', 'MARKETS', 'METRO', 'COMMERCE', 'FINANCE', 'NEWS']

ZH_KICKERS = ['聚焦高质量发展', '关注民生', '一线见闻', '新春走基层', '经济观察', '权威发布', '记者调查',
              '城市更新进行时', '奋进新征程']
HANT_KICKERS = ['聚焦高質量發展', '關注民生', '一線見聞', '新春走基層', '經濟觀察', '權威發佈', '記者調查',
                '城市更新進行時', '奮進新征程']
EN_KICKERS = ['ECONOMY', 'MARKETS', 'TRADE', 'ENERGY', 'ANALYSIS', 'BANKING', 'POLITICS', 'INDUSTRY',
              'NEWS ANALYSIS', 'COMMODITIES']

ZH_BRIEFS = ['简讯', '本地快讯', '新闻速览', '要闻简报']
HANT_BRIEFS = ['簡訊', '本地快訊', '新聞速覽', '要聞簡報']
EN_BRIEFS = ['IN BRIEF', 'NEWS BRIEFS', 'BRIEFLY', 'DIGEST']

WEEK_ZH = '一二三四五六日'
WEEK_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
MONTH_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
            'October', 'November', 'December']


_S = '们来记讯图为摄报转编辑责任美术发题东华时间读学习广告实员资国统连续号内图'
_T = '們來記訊圖為攝報轉編輯責任美術發題東華時間讀學習廣告實員資國統連續號內圖'
assert len(_S) == len(_T)
HANT_MAP = str.maketrans(_S, _T)


class Furniture:
    def __init__(self, lang, rng, npages):
        self.lang, self.rng, self.npages = lang, rng, npages
        self.date = datetime.date(2023, 1, 2) + datetime.timedelta(days=rng.randrange(900))
        self.paper = rng.choice({'zh': ZH_PAPERS, 'zh-Hant': HANT_PAPERS, 'en': EN_PAPERS}[lang])
        self.issue_no = rng.randrange(3000, 29000)
        self.arabic = rng.random() < 0.4  # page numbers in jump lines: 第2版 rather than 第二版
        secs = {'zh': ZH_SECTIONS, 'zh-Hant': HANT_SECTIONS, 'en': EN_SECTIONS}[lang][:]
        rng.shuffle(secs)
        self.sections = secs
        self.zh = lang != 'en'
        self.hant = lang == 'zh-Hant'

    def T(self, s):
        """Simplified -> traditional for the few strings we build from parts."""
        if not self.hant:
            return s
        return s.translate(HANT_MAP)

    def label(self, n):
        return ('第%d版' % n) if self.zh else 'A%d' % n

    def datestr(self):
        d = self.date
        if self.zh:
            return '%d年%d月%d日 星期%s' % (d.year, d.month, d.day, WEEK_ZH[d.weekday()])
        return '%s, %s %d, %d' % (WEEK_EN[d.weekday()], MONTH_EN[d.month - 1], d.day, d.year)

    def dateline_bits(self):
        r = self.rng
        if self.zh:
            return [self.datestr(), self.T('第%d期' % self.issue_no), self.T('今日%d版' % max(4, self.npages)),
                    self.T('国内统一连续出版物号 CN %02d-%04d' % (r.randrange(10, 66), r.randrange(1, 9999)))]
        return ['Vol. %d, No. %d' % (r.randrange(40, 160), self.issue_no), self.datestr(),
                '%d Pages' % max(4, self.npages), '$%d.%02d' % (r.randrange(1, 3), r.choice([0, 25, 50, 75]))]

    def section(self, pageno):
        return self.sections[(pageno - 1) % len(self.sections)]

    def running_bits(self, pageno):
        if self.zh:
            ed = self.T('责任编辑 %s  美术编辑 %s' % (self.person(), self.person()))
            return [self.section(pageno), self.datestr(), ed]
        return [self.paper.upper(), self.datestr(), self.section(pageno)]

    def person(self):
        r = self.rng
        if self.zh:
            return r.choice(SURNAMES) + ''.join(r.choice(GIVEN) for _ in range(r.choice([1, 1, 2])))
        return '%s %s' % (r.choice(EN_FIRST), r.choice(EN_LAST))

    def byline(self):
        r = self.rng
        if self.zh:
            k = r.randrange(5)
            if k == 0:
                s = '本报记者 %s' % self.person()
            elif k == 1:
                s = '本报记者 %s %s' % (self.person(), self.person())
            elif k == 2:
                s = '本报讯(记者 %s)' % self.person()
            elif k == 3:
                s = '本报讯(记者 %s 通讯员 %s)' % (self.person(), self.person())
            else:
                s = '本报记者 %s 实习生 %s' % (self.person(), self.person())
            return self.T(s)
        k = r.randrange(4)
        if k == 0:
            return 'By %s' % self.person()
        if k == 1:
            return 'By %s and %s' % (self.person(), self.person())
        if k == 2:
            return 'By %s' % self.person().upper()
        return 'From Staff and Wire Reports'

    def kicker(self, art):
        if art.get('kicker'):
            return art['kicker']
        return self.rng.choice({'zh': ZH_KICKERS, 'zh-Hant': HANT_KICKERS, 'en': EN_KICKERS}[self.lang])

    def briefs_label(self):
        return self.rng.choice({'zh': ZH_BRIEFS, 'zh-Hant': HANT_BRIEFS, 'en': EN_BRIEFS}[self.lang])

    def caption(self, art):
        """A photo caption built from the article's own first clause (not part of the body)."""
        r = self.rng
        if self.zh:
            first = re.split(r'[，。；：]', ''.join(art['paras'])[:200])[0]
            first = first[:24]
            k = r.randrange(3)
            if k == 0:
                return self.T('图为%s。 本报记者 %s 摄' % (first, self.person()))
            if k == 1:
                return self.T('图为%s。（资料图片）' % first)
            return self.T('%s。 %s 摄' % (first, self.person()))
        words = art['title'].split()
        k = r.randrange(3)
        if k == 0:
            return '%s. (Staff photo)' % art['title']
        if k == 1:
            return 'Scene related to the report: %s. Photo by %s' % (' '.join(words[:6]), self.person())
        return 'File picture. (Staff photo)'

    def jump_out(self, to_page, keyword):
        r = self.rng
        if self.zh:
            n = str(to_page) if self.arabic else cn_num(to_page)
            forms = ['(下转第%s版)' % n, '(转第%s版)' % n, '(下接%s版)' % cn_num(to_page)]
            if self.arabic:
                forms = forms[:2]
            return self.T(r.choice(forms))
        forms = ['Continued on Page A%d' % to_page, 'See %s, Page A%d' % (keyword, to_page),
                 '(Continued on page %d)' % to_page]
        return r.choice(forms)

    def jump_in(self, from_page, out_marker, keyword):
        r = self.rng
        if self.zh:
            n = str(from_page) if self.arabic else cn_num(from_page)
            return self.T(r.choice(['(上接第%s版)' % n, '(接第%s版)' % n, '(本文接第%s版)' % n]))
        if out_marker.startswith('See '):
            return '%s from Page A%d' % (keyword, from_page)
        return 'Continued from Page A%d' % from_page

    def keyword(self, art):
        t = art['title']
        if self.zh:
            segs = [s for s in re.split(r'[\s，、：:；！？“”"《》（）()·—【】\[\]]+', t) if s]
            cands = [s for s in segs if 2 <= len(s) <= 6]
            return cands[0] if cands else None
        ws = [re.sub(r'[^A-Za-z]', '', w) for w in t.split()]
        ws = [w for w in ws if len(w) >= 4 and w.lower() not in ('says', 'said', 'with', 'from', 'into')]
        return (max(ws, key=len) if ws else 'STORY').upper()
