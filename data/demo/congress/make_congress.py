#!/usr/bin/env python3
"""Writes the reference case's people's-congress files (units, deputies, suggestions,
activities, work records) into data/demo/congress/.

The seed states only totals (二（三）、二（四）): 192 suggestions assigned during the 1st and
2nd sessions of the 17th congress and 7 between sessions, 100 % satisfied or basically
satisfied, the share solved or scheduled up 3 points on 2021, 6 under key supervision; and
the year's work: 1 congress session, 8 standing-committee meetings, 12 chairpersons' meetings,
15 + 8 + 3 reports (42 in all), 3 inspections, 3 inquiries, 13 satisfaction evaluations,
10 major matters, 11 decisions, 23 appointments, 3600多 deputies' participations, 758 people
received, 31 research visits, 28 symposiums. Everything else — names, titles, texts, dates,
handling units, the 2021 suggestions — is invented (illustrative only) to add up exactly to
those figures. Deterministic: running it again writes the same bytes.

    python3 data/demo/congress/make_congress.py data/demo/congress
"""
import csv, datetime as dt, os, random, sys

rng = random.Random(20221231)
D = dt.date

UNITS = [
    ("BYJY01", "广州市白云区教育局"),
    ("BYZJ01", "广州市白云区住房和城乡建设局"),
    ("BYJT01", "广州市白云区交通运输局"),
    ("BYWJ01", "广州市白云区卫生健康局"),
    ("BYNY01", "广州市白云区农业农村局"),
    ("BYSW01", "广州市白云区水务局"),
    ("BYGA01", "广州市公安局白云区分局"),
    ("BYMZ01", "广州市白云区民政局"),
    ("BYRS01", "广州市白云区人力资源和社会保障局"),
    ("BYSJ01", "广州市白云区市场监督管理局"),
    ("BYCG01", "广州市白云区城市管理和综合执法局"),
    ("BYGX01", "广州市白云区科技工业商务和信息化局"),
    ("BYWT01", "广州市白云区文化广电旅游体育局"),
    ("BYHB01", "广州市生态环境局白云分局"),
    ("BYGH01", "广州市规划和自然资源局白云区分局"),
]

PLACES = ["太和镇", "人和镇", "钟落潭镇", "江高镇", "白云湖街", "石井街", "京溪街", "同和街", "永平街", "嘉禾街",
          "新市街", "三元里街", "均禾街", "鹤龙街", "黄石街", "松洲街", "金沙街", "大源街", "龙归街", "石门街"]

# unit → (category, [(subject, [problems], [asks])])
TOPICS = {
    "BYJY01": ("教育", [
        ("公办学位供给", ["学位紧张，适龄儿童入学难", "公办小学学位缺口较大"], ["新建扩建公办学校", "增加公办学位供给"]),
        ("普惠性幼儿园建设", ["普惠性学前教育资源不足", "幼儿园收费偏高"], ["扩大普惠性幼儿园覆盖", "加大学前教育投入"]),
        ("中小学课后服务", ["课后服务内容单一", "双减后课后托管需求大"], ["丰富课后服务内容", "完善课后服务经费保障"]),
        ("农村学校师资", ["农村学校教师流失", "优质师资分布不均"], ["加强农村教师队伍建设", "推进集团化办学"]),
        ("校园周边交通安全", ["上下学时段校门口拥堵", "学生过马路存在安全隐患"], ["设置护学岗和临时停车区", "完善校园周边交通设施"]),
    ]),
    "BYZJ01": ("城建", [
        ("老旧小区微改造", ["老旧小区设施陈旧、管线老化", "小区环境脏乱差"], ["加快推进老旧小区微改造", "完善小区配套设施"]),
        ("加装电梯", ["老旧楼宇没有电梯，老年人上下楼困难", "加装电梯协调难"], ["简化加装电梯审批", "加大加装电梯补贴"]),
        ("城中村治理", ["城中村消防通道被占、安全隐患多", "城中村环境面貌差"], ["推进城中村综合整治", "完善城中村基础设施"]),
        ("保障性住房", ["新就业青年租房难", "保障性租赁住房供给不足"], ["加快建设保障性租赁住房", "完善住房保障体系"]),
        ("建筑工地管理", ["夜间施工噪音扰民", "工地扬尘污染严重"], ["加强建筑工地监管", "落实文明施工措施"]),
    ]),
    "BYJT01": ("交通", [
        ("公交线路优化", ["公交线路少、发车间隔长", "群众出行不便"], ["增开公交线路", "优化公交站点设置"]),
        ("道路拥堵治理", ["早晚高峰道路拥堵严重", "路口通行能力不足"], ["优化路口渠化和信号配时", "打通断头路"]),
        ("电动车安全驾驶", ["电动自行车违规载人、逆行多发", "电动车交通事故上升"], ["加强电动自行车安全驾驶管理", "开展电动车安全宣传"]),
        ("农村公路建设", ["农村道路狭窄、路面破损", "村道缺少安全防护设施"], ["加快农村公路提质改造", "完善村道安全设施"]),
        ("停车难问题", ["居民区停车位严重不足", "乱停乱放现象突出"], ["规划建设公共停车场", "挖潜增加停车泊位"]),
    ]),
    "BYWJ01": ("卫生", [
        ("基层医疗服务", ["社区卫生服务中心服务能力弱", "看病难看病远"], ["提升基层医疗服务能力", "推进优质医疗资源下沉"]),
        ("农村一元钱看病", ["农村地区一元钱看病覆盖不全", "村卫生站药品不足"], ["全面推行农村一元钱看病", "加强村卫生站建设"]),
        ("家庭医生签约", ["家庭医生签约服务流于形式", "签约居民获得感不强"], ["做实家庭医生签约服务", "完善家庭医生激励机制"]),
        ("医院建设", ["区域医疗资源分布不均", "三甲医院数量少"], ["加快区属医院建设", "引进优质医疗资源"]),
    ]),
    "BYNY01": ("农业农村", [
        ("抛荒耕地复耕复种", ["部分耕地抛荒撂荒", "粮食种植效益低"], ["推动抛荒耕地复耕复种", "加大种粮补贴"]),
        ("农产品深加工", ["农产品附加值低", "深加工产业链短"], ["扶持农产品深加工企业", "打造农业特色品牌"]),
        ("美丽乡村建设", ["村庄人居环境有待提升", "乡村公共设施不足"], ["推进美丽乡村建设", "改善农村人居环境"]),
        ("乡村振兴产业", ["村集体经济薄弱", "乡村产业发展缺乏支撑"], ["发展乡村特色产业", "壮大村级集体经济"]),
    ]),
    "BYSW01": ("水务", [
        ("农村生活用水", ["农村自来水水压不足、水质不稳定", "部分村庄仍饮用井水"], ["推进农村供水管网改造", "保障农村生活用水安全"]),
        ("内涝积水治理", ["暴雨后道路积水严重", "排水管网老化"], ["加快排水管网改造", "整治易涝积水点"]),
        ("河涌整治", ["河涌黑臭反弹", "河涌两岸垃圾多"], ["持续开展河涌综合整治", "落实河长制"]),
        ("流溪河水环境治理", ["流溪河一级支流水质不达标", "沿岸污水直排"], ["加强流溪河流域水环境治理", "完善截污纳管"]),
    ]),
    "BYGA01": ("公安", [
        ("社会治安防控", ["出租屋聚集区治安复杂", "盗窃案件多发"], ["加强治安巡逻防控", "完善视频监控"]),
        ("电信网络诈骗防范", ["电信网络诈骗案件高发", "老年人受骗较多"], ["加大反诈宣传力度", "开展打击电信网络诈骗专项行动"]),
        ("交通违法整治", ["货车超载超速", "酒驾醉驾时有发生"], ["加强交通违法整治", "增设电子警察"]),
    ]),
    "BYMZ01": ("民政", [
        ("居家养老服务", ["老年人居家养老服务不足", "社区养老设施少"], ["完善居家社区养老服务", "建设长者饭堂"]),
        ("颐康中心运营", ["颐康中心运营不规范", "服务内容单一"], ["规范颐康中心运营", "提升颐康中心服务水平"]),
        ("困难群众救助", ["低保边缘群体救助不足", "临时救助审批慢"], ["完善社会救助体系", "提高救助时效"]),
        ("未成年人保护", ["困境儿童关爱不到位", "留守儿童缺乏照护"], ["加强困境儿童保障", "完善未成年人保护工作机制"]),
    ]),
    "BYRS01": ("人社", [
        ("稳就业促就业", ["高校毕业生就业难", "重点群体就业压力大"], ["加大就业帮扶力度", "完善就业兜底帮扶政策"]),
        ("技能人才培养", ["技能人才短缺", "职业培训针对性不强"], ["加强技能人才培养", "推进粤菜师傅广东技工工程"]),
        ("劳动关系协调", ["欠薪问题时有发生", "劳动纠纷增多"], ["创新劳动关系协调机制", "加强欠薪治理"]),
    ]),
    "BYSJ01": ("市场监管", [
        ("食品安全监管", ["校园周边食品安全隐患", "小餐饮卫生条件差"], ["加强食品安全监管", "推进明厨亮灶"]),
        ("农贸市场管理", ["农贸市场环境脏乱", "缺斤少两现象"], ["推进农贸市场升级改造", "加强计量监管"]),
        ("营商环境优化", ["企业开办手续繁琐", "市场主体准入不便"], ["优化营商环境", "深化商事制度改革"]),
    ]),
    "BYCG01": ("城管", [
        ("垃圾分类", ["垃圾分类设施不足", "居民分类意识不强"], ["完善垃圾分类设施", "加强垃圾分类宣传"]),
        ("违法建设治理", ["违法建设屡拆屡建", "违建侵占公共空间"], ["加大违法建设查处力度", "建立防控违建长效机制"]),
        ("市容环境卫生", ["占道经营影响通行", "公共厕所不足"], ["加强市容环境整治", "增建公共厕所"]),
    ]),
    "BYGX01": ("经济", [
        ("化妆品产业发展", ["化妆品企业小散弱", "白云美湾产业集群竞争力不强"], ["推动化妆品产业高质量发展", "打造白云美湾化妆品产业集群"]),
        ("民营企业纾困", ["中小企业融资难融资贵", "疫情下企业经营困难"], ["加大惠企纾困政策落实", "搭建政银企对接平台"]),
        ("数字经济发展", ["数字经济产业基础薄弱", "企业数字化转型慢"], ["推进白云湖数字科技城建设", "支持企业数字化转型"]),
        ("产业园区提质", ["村级工业园低效", "产业园区配套不足"], ["推进村级工业园改造", "提升产业园区配套"]),
    ]),
    "BYWT01": ("文体", [
        ("公共文化设施", ["基层公共文化设施少", "文化活动场地不足"], ["完善基层公共文化设施", "建设新时代文明实践站"]),
        ("全民健身场地", ["社区健身场地不足", "体育设施老化"], ["建设社区体育公园", "更新健身器材"]),
        ("历史文化保护", ["古村落和历史建筑保护不力", "本土民俗文化传承乏人"], ["加强历史文化保护传承", "挖掘本土历史文化资源"]),
    ]),
    "BYHB01": ("环保", [
        ("大气污染防治", ["工业废气扰民", "空气质量有待提升"], ["加强大气污染防治", "严查企业违法排污"]),
        ("噪声污染治理", ["商业噪声扰民", "交通噪声影响居民休息"], ["加强噪声污染治理", "设置隔音屏障"]),
        ("固体废物监管", ["工业固废随意倾倒", "危险废物处置不规范"], ["加强固体废物监管", "打击非法倾倒"]),
    ]),
    "BYGH01": ("规划", [
        ("城市更新规划", ["旧村改造推进缓慢", "规划调整周期长"], ["加快旧村改造规划审批", "科学编制城市更新规划"]),
        ("公共服务设施用地", ["公共服务设施用地不足", "配套设施落地难"], ["保障公共服务设施用地", "优化国土空间规划"]),
        ("树木保护", ["城市建设中迁移砍伐树木", "古树名木保护不到位"], ["严格城市树木保护", "落实绿化条例"]),
    ]),
}

# Topics that several units could take (the ambiguity of real 交办): lead unit → a plausible other.
ALTERNATIVES = {"BYJT01": "BYGA01", "BYGA01": "BYJT01", "BYZJ01": "BYCG01", "BYCG01": "BYZJ01", "BYSW01": "BYHB01",
                "BYHB01": "BYSW01", "BYNY01": "BYGH01", "BYGH01": "BYZJ01", "BYJY01": "BYZJ01", "BYWJ01": "BYMZ01",
                "BYMZ01": "BYWJ01", "BYRS01": "BYGX01", "BYGX01": "BYSJ01", "BYSJ01": "BYGX01", "BYWT01": "BYJY01"}
# Co-handlers that usually join a lead unit.
CO_HANDLERS = {"BYJY01": ["BYZJ01", "BYGH01"], "BYJT01": ["BYGA01"], "BYZJ01": ["BYGH01"], "BYSW01": ["BYHB01"],
               "BYGX01": ["BYSJ01"], "BYNY01": ["BYGH01"], "BYCG01": ["BYZJ01"]}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯许邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
         "平", "刚", "桂英", "建华", "志强", "海燕", "国平", "晓东", "丽华", "少锋", "嘉欣", "俊杰", "文辉", "淑仪", "振华"]
DELEGATIONS = ["太和", "人和", "钟落潭", "江高", "白云湖", "石井", "京溪", "同和", "嘉禾", "新市"]
LEADERS = ["常委会主任", "常委会副主任 陈", "常委会副主任 李", "常委会副主任 黄"]


def name():
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def deputies():
    out = []
    for term, count, prefix in ((16, 40, "D16"), (17, 80, "D17")):
        for i in range(count):
            dele = DELEGATIONS[i % len(DELEGATIONS)]
            out.append({"code": f"{prefix}{i + 1:03d}", "name": name(), "level": "区", "delegation": dele,
                        "station": dele + "人大代表联络站", "term": term})
    return out


def suggestion_text(unit, rng_local):
    category, topics = TOPICS[unit]
    subject, problems, asks = rng_local.choice(topics)
    place = rng_local.choice(PLACES)
    ask, ask2 = rng_local.sample(asks, 2)
    title = rng_local.choice([f"关于{ask}的建议", f"关于加强{place}{subject}工作的建议", f"关于解决{place}{subject}问题的建议",
                              f"关于进一步做好{subject}的建议"])
    p1, p2 = rng_local.sample(problems, 2) if len(problems) > 1 else (problems[0], problems[0])
    text = (f"{place}群众反映，{p1}。经调研发现，{p2}，群众意见较大。建议有关部门{ask}，"
            f"{ask2}，切实解决群众急难愁盼问题。")
    return category, subject, title, text


def add_months(d, months):
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    m += 1
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return D(y, m, min(d.day, last))


def find_ab_counts(total_now, total_before):
    """A+B counts for the two years so that the share rises by 3.0 points (one decimal, half-up)."""
    for ab_now in range(total_now - 8, total_now - 14, -1):
        for ab_before in range(total_before - 10, total_before - 30, -1):
            diff = (ab_now * total_before - ab_before * total_now) * 1000 / (total_now * total_before)
            if abs(diff - 30) < 0.5 and int(diff + 0.5) == 30:
                return ab_now, ab_before
    raise SystemExit("no A+B split gives +3.0 points")


def suggestions(deps):
    d16 = [d["code"] for d in deps if d["term"] == 16]
    d17 = [d["code"] for d in deps if d["term"] == 17]
    units = [u for u, _ in UNITS]
    weights = [9, 8, 9, 6, 6, 6, 4, 5, 4, 4, 6, 5, 3, 4, 3]
    rows = []
    # (year, number prefix, term, session, period, count, received range, assigned date, deputies)
    batches = [
        (2021, "2021-", 16, 6, "会议期间", 176, (D(2021, 1, 6), D(2021, 1, 9)), D(2021, 2, 5), d16),
        (2021, "2021-B", 16, 0, "闭会期间", 8, (D(2021, 3, 1), D(2021, 10, 31)), None, d16),
        (2022, "2022-", 17, 1, "会议期间", 150, (D(2021, 12, 27), D(2021, 12, 30)), D(2022, 1, 25), d17),
        (2022, "2022-2-", 17, 2, "会议期间", 42, (D(2022, 11, 28), D(2022, 11, 30)), D(2022, 12, 20), d17),
        (2022, "2022-B", 17, 0, "闭会期间", 7, (D(2022, 3, 1), D(2022, 9, 30)), None, d17),
    ]
    totals = {2021: 184, 2022: 199}
    ab_now, ab_before = find_ab_counts(totals[2022], totals[2021])
    c_left = {2021: totals[2021] - ab_before, 2022: totals[2022] - ab_now}
    key_topics = [("BYGX01", "关于推动白云化妆品产业高质量发展的建议", "白云美湾化妆品产业集群企业小散弱，品牌影响力不足。建议推动化妆品产业高质量发展，打造白云美湾化妆品产业集群。"),
                  ("BYJT01", "关于加强电动自行车安全驾驶管理的建议", "电动自行车违规载人、逆行、闯红灯多发，交通事故上升。建议加强电动自行车安全驾驶管理，开展电动车安全宣传。"),
                  ("BYSW01", "关于保障农村生活用水安全的建议", "部分农村自来水水压不足、水质不稳定，个别村庄仍饮用井水。建议推进农村供水管网改造，保障农村生活用水安全。"),
                  ("BYZJ01", "关于加快推进城中村综合治理的建议", "城中村消防通道被占、治安和环境问题突出。建议推进城中村综合整治，完善城中村基础设施。"),
                  ("BYJY01", "关于增加公办学位供给的建议", "人口导入区学位紧张，公办小学学位缺口较大。建议新建扩建公办学校，增加公办学位供给。"),
                  ("BYWJ01", "关于全面推行农村一元钱看病的建议", "农村地区一元钱看病覆盖不全，村卫生站药品不足。建议全面推行农村一元钱看病，加强村卫生站建设。")]
    unsatisfied_first = 3  # 2022: first replies judged 不满意, then handled a second time
    for year, prefix, term, session, period, count, (r0, r1), assigned, pool in batches:
        for i in range(count):
            number = f"{prefix}{i + 1:03d}"
            lead = rng.choices(units, weights)[0]
            category, subject, title, text = suggestion_text(lead, rng)
            actual_lead = lead
            # About one in seven goes to the other plausible unit: 交办 is a judgement, not a lookup.
            if rng.random() < 0.14:
                actual_lead = ALTERNATIVES[lead]
            received = r0 + dt.timedelta(days=rng.randint(0, (r1 - r0).days))
            when = assigned or received + dt.timedelta(days=rng.randint(10, 25))
            complex_ = rng.random() < 0.08
            co = [c for c in CO_HANDLERS.get(actual_lead, []) if rng.random() < 0.35]
            supervisor, actions = "", ""
            if year == 2022 and session == 1 and i < len(key_topics):
                actual_lead, title, text = key_topics[i]
                category = TOPICS[actual_lead][0]
                complex_ = True
                supervisor = LEADERS[i % len(LEADERS)]
                a = [(when + dt.timedelta(days=30 + 7 * i), "调研"), (when + dt.timedelta(days=60 + 5 * i), "座谈"),
                     (when + dt.timedelta(days=100 + 3 * i), "听取汇报")]
                actions = "；".join(f"{d.isoformat()} {k} {title[2:-3]}" for d, k in a)
            months = 6 if complex_ else 3
            deadline = add_months(when, months)
            reply = when + dt.timedelta(days=rng.randint(30, (deadline - when).days))
            cls = "C" if c_left[year] > 0 and rng.random() < 0.25 else rng.choice("AAB")
            if cls == "C":
                c_left[year] -= 1
            fb = rng.choice(["满意", "满意", "满意", "基本满意"])
            fb_date = reply + dt.timedelta(days=rng.randint(5, 20))
            lead_dep = rng.choice(pool)
            co_deps = "；".join(sorted(rng.sample([p for p in pool if p != lead_dep], rng.randint(0, 3))))
            row = {"建议编号": number, "标题": title, "内容": text, "领衔代表": lead_dep, "附议代表": co_deps,
                   "届次": term, "会次": session or "", "提出时段": period, "分类": category,
                   "登记日期": received.isoformat(), "交办日期": when.isoformat(), "复杂建议": "是" if complex_ else "否",
                   "主办单位": actual_lead, "会办单位": "；".join(co), "答复日期": reply.isoformat(), "答复分类": cls,
                   "答复内容": f"{subject}工作已{'办理' if cls != 'C' else '研究'}，" + {"A": "问题已基本解决。", "B": "已列入年度计划逐步解决。", "C": "受条件限制，留作今后工作参考。"}[cls],
                   "反馈意见": fb, "反馈日期": fb_date.isoformat(), "二次答复日期": "", "二次答复分类": "", "二次答复内容": "",
                   "二次反馈意见": "", "二次反馈日期": "", "督办领导": supervisor, "督办活动": actions}
            if year == 2022 and session == 1 and unsatisfied_first > 0 and i >= 20 and i % 11 == 0 and cls != "C":
                # 不满意 → 二次办理 → 基本满意: the final feedback is what the 100 % counts.
                unsatisfied_first -= 1
                second = fb_date + dt.timedelta(days=rng.randint(20, 60))
                row.update({"反馈意见": "不满意", "二次答复日期": second.isoformat(), "二次答复分类": "B",
                            "二次答复内容": f"经二次办理，{subject}问题已列入计划逐步解决。", "二次反馈意见": "基本满意",
                            "二次反馈日期": (second + dt.timedelta(days=10)).isoformat()})
            rows.append(row)
    # Fix the C counts exactly (the random pass may leave some to place).
    for year in (2021, 2022):
        mine = [r for r in rows if r["交办日期"].startswith(str(year)) and r["二次答复分类"] == "" and r["督办领导"] == ""]
        have = sum(1 for r in rows if r["交办日期"].startswith(str(year)) and (r["二次答复分类"] or r["答复分类"]) == "C")
        want = totals[year] - (ab_now if year == 2022 else ab_before)
        for r in mine:
            if have == want:
                break
            if have < want and r["答复分类"] != "C":
                r["答复分类"], have = "C", have + 1
                r["答复内容"] = r["答复内容"].split("，")[0] + "，受条件限制，留作今后工作参考。"
            elif have > want and r["答复分类"] == "C":
                r["答复分类"], have = "B", have - 1
                r["答复内容"] = r["答复内容"].split("，")[0] + "，已列入年度计划逐步解决。"
    return rows


def activities(deps):
    rows = []
    for d in deps:
        if d["term"] != 17:
            continue
        code = d["code"]
        station = d["station"]
        for when, what in ((D(2022, 11, 28), "出席区十七届人大二次会议"),):
            if rng.random() < 0.96:
                rows.append((code, when, "出席人代会", "", what))
            else:
                rows.append((code, when, "无故缺席", "", "未请假缺席区十七届人大二次会议"))
        for _ in range(rng.randint(2, 8)):
            day = D(2022, rng.randint(1, 12), rng.randint(1, 28))
            rows.append((code, day, "联络站接待", str(rng.randint(2, 15)), f"在{station}接待选民群众"))
        for _ in range(rng.randint(0, 5)):
            day = D(2022, rng.randint(2, 11), rng.randint(1, 28))
            rows.append((code, day, "调研视察", "", rng.choice(["视察6+6产业集群推进情况", "调研城中村治理", "视察流溪河支流水质整治",
                                                           "调研老旧小区微改造", "视察民生实事项目进展"])))
        for _ in range(rng.randint(0, 3)):
            day = D(2022, rng.randint(2, 11), rng.randint(1, 28))
            rows.append((code, day, "座谈会", "", rng.choice(["经济界代表与职能部门座谈", "民营经济发展问询会", "镇街人大联席会议"])))
        if rng.random() < 0.9:
            rows.append((code, D(2022, 3, 16), "培训", "", "新一届代表培训班"))
        if rng.random() < 0.3:
            rows.append((code, D(2022, rng.choice([4, 6, 8, 10]), 26), "列席常委会", "", "列席区人大常委会会议"))
        if rng.random() < 0.4:
            rows.append((code, D(2022, rng.randint(5, 11), 15), "参与常委会工作", "", rng.choice(["参加执法检查", "参加专题询问", "参加满意度测评"])))
        if rng.random() < 0.15:
            rows.append((code, D(2022, 12, 10), "述职", "", f"向{d['delegation']}选民述职"))
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[4]))
    # One row per (deputy, date, kind, evidence): the register's natural key.
    seen, out = set(), []
    for r in rows:
        if (r[0], r[1], r[2], r[4]) not in seen:
            seen.add((r[0], r[1], r[2], r[4]))
            out.append(r)
    return out


def records():
    rows = []
    add = lambda d, kind, title, count=1, ev="": rows.append((d, kind, title, count, ev))
    add(D(2022, 11, 28), "人民代表大会会议", "白云区第十七届人民代表大会第二次会议", 1, "大会议程及决议")
    cn = "一二三四五六七八九十"
    meet_dates = [D(2022, 2, 24), D(2022, 4, 26), D(2022, 6, 28), D(2022, 8, 25), D(2022, 9, 27), D(2022, 10, 27),
                  D(2022, 11, 24), D(2022, 12, 27)]
    for i, d in enumerate(meet_dates):
        add(d, "常委会会议", f"区十七届人大常委会第{cn[i + 1] if i + 1 < 10 else '十'}次会议", 1, "会议纪要")
    for m in range(1, 13):
        add(D(2022, m, 10 if m != 2 else 14), "主任会议", f"区十七届人大常委会第{m + 2}次主任会议", 1, "主任会议纪要")
    gov = ["区政府关于打造白云“双减”工作样板、推进“好教育”工程情况的报告", "区政府关于创新劳动关系协调机制构建新型和谐劳动关系工作情况的报告",
           "区政府关于大规模迁移砍伐城市树木问题整改工作的报告", "区政府关于“好环境”工程及环境状况和环境保护目标完成情况的报告",
           "区政府关于2021年城乡规划实施情况的报告", "区政府关于“好文化”工程推进情况的报告", "区政府关于法治政府建设情况的报告",
           "区政府关于防范和打击电信网络诈骗犯罪工作情况的报告", "区政府关于2022年民生实事项目推进情况的报告",
           "区政府关于2022年民生实事项目完成情况的报告", "区政府关于“三资”平台运作情况的报告", "区政府关于第七个五年法治宣传教育工作情况的报告",
           "区法院关于推进民事诉讼程序繁简分流改革试点工作情况的报告", "区检察院关于积极推进行政执法与刑事司法衔接工作情况的报告",
           "区监察委员会关于开展专项工作情况的报告"]
    budget = ["关于2021年区级决算的报告", "关于2022年上半年国民经济和社会发展计划执行情况的报告", "关于2022年上半年预算执行情况的报告",
              "关于2021年区级预算执行和其他财政收支的审计工作报告", "关于2021年区级预算执行和其他财政收支审计查出问题整改情况的报告",
              "关于区2022年第一次预算调整方案的报告", "关于区2022年第二次预算调整方案的报告", "关于国民经济和社会发展计划调整方案的报告"]
    enforcement = ["关于检查《中华人民共和国未成年人保护法》实施情况的报告", "关于检查《中华人民共和国文物保护法》实施情况的报告",
                   "关于检查《广州市绿化条例》实施情况的报告"]
    other = ["2021年度国有资产管理情况综合报告", "2021年度企业国有资产管理情况专项报告", "关于流溪河流域水环境治理和保护工作情况的报告",
             "关于颐康中心运营情况的报告", "关于重点督办代表建议办理情况的报告", "关于代表建议办理工作情况的报告",
             "关于规范性文件备案审查工作情况的报告", "关于基层立法联系点工作情况的报告", "关于镇街人大工作情况的报告",
             "关于地方政府债务管理情况的报告", "关于城市老旧小区微改造情况的调研报告", "关于农村土地抛荒耕地复耕复种情况的调研报告",
             "关于农产品深加工产业发展情况的调研报告", "关于农村地区一元钱看病情况的调研报告", "关于6+6产业集群推进情况的视察报告",
             "关于民营经济发展情况的报告"]
    for lst, kind in ((gov, "一府一委两院工作报告"), (budget, "计划预算执行和审计工作报告"), (enforcement, "执法检查报告"), (other, "其他报告")):
        for i, title in enumerate(lst):
            add(meet_dates[i % len(meet_dates)], kind, title, 1, "常委会会议议程")
    for i, law in enumerate(["中华人民共和国未成年人保护法", "中华人民共和国文物保护法", "广州市绿化条例"]):
        add(D(2022, 5 + i * 2, 12), "执法检查", f"《{law}》执法检查", 1, "执法检查方案")
    for i, topic in enumerate(["审计查出问题整改情况", "大规模迁移砍伐城市树木问题整改", "防范和打击电信网络诈骗犯罪工作"]):
        add(meet_dates[2 + i * 2], "专题询问", f"关于{topic}的专题询问", 1, "专题询问实施方案")
    for i in range(13):
        add(meet_dates[i % 8], "满意度测评", f"满意度测评（第{i + 1}项）: {(gov + budget)[i]}", 1, "测评结果")
    for i in range(10):
        add(meet_dates[i % 8], "重大事项", f"讨论决定重大事项（第{i + 1}项）", 1, "常委会决议文件")
    for i in range(11):
        add(meet_dates[i % 8], "决定决议", f"常委会决定决议（第{i + 1}项）", 1, "常委会公告")
    for d, n in zip(meet_dates[1:], [3, 4, 2, 5, 3, 4, 2]):
        add(d, "任免", f"{d.month}月常委会会议任免国家机关工作人员", n, "任免名单")
    for m, n in zip(range(1, 13), [260, 180, 320, 310, 330, 300, 290, 305, 320, 330, 318, 355]):
        add(D(2022, m, 28), "代表参与常委会工作", f"{m}月代表参与常委会、专委会工作", n, "代表参与工作登记表")
    for m, n in zip(range(1, 13), [40, 35, 62, 70, 68, 66, 58, 61, 75, 80, 72, 71]):
        add(D(2022, m, 27), "接待群众", f"{m}月代表联络站接待群众", n, "联络站接待登记")
    for i in range(31):
        add(D(2022, 2 + i % 10, 3 + i % 25), "调研视察", f"专题调研视察（第{i + 1}次）", 1, "调研报告")
    for i in range(28):
        add(D(2022, 2 + i % 10, 5 + i % 20), "座谈会", f"“更好发挥人大代表作用”主题活动座谈会（第{i + 1}场）", 1, "座谈会纪要")
    return rows


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def main(out):
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "units.csv"), ["单位代码", "单位名称", "上级单位"], [(c, n, "") for c, n in UNITS])
    deps = deputies()
    write(os.path.join(out, "deputies.csv"), ["代表编号", "姓名", "层级", "代表团", "联络站", "届次"],
          [(d["code"], d["name"], d["level"], d["delegation"], d["station"], d["term"]) for d in deps])
    sugg = suggestions(deps)
    header = list(sugg[0].keys())
    write(os.path.join(out, "suggestions.csv"), header, [[r[h] for h in header] for r in sugg])
    write(os.path.join(out, "activities.csv"), ["代表编号", "日期", "活动类别", "群众人次", "佐证"],
          [(c, d.isoformat(), k, p, e) for c, d, k, p, e in activities(deps)])
    write(os.path.join(out, "records.csv"), ["日期", "类别", "名称", "数量", "佐证"],
          [(d.isoformat(), k, t, n, e) for d, k, t, n, e in sorted(records(), key=lambda r: (r[0], r[1], r[2]))])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
