import type { Random } from './random.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆范汪廖石金贾韦夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉婷雪琳晨宇浩欣怡佳俊博建国志红梅海波宁凯倩颖楠斌鑫帅晶慧燕萍丹';

/** A plausible Chinese full name: a common surname and one or two given-name characters. */
export function chineseName(rng: Random): string {
  const surname = SURNAMES[rng.int(SURNAMES.length)] as string;
  const first = GIVEN[rng.int(GIVEN.length)] as string;
  return rng.chance(0.7) ? surname + first + (GIVEN[rng.int(GIVEN.length)] as string) : surname + first;
}

/** Notes for ordinary rule violations (violation.note). */
export const VIOLATION_NOTES: readonly string[] = [
  '私自承诺客户折扣',
  '未按规定填写客户跟进记录',
  '迟到早退',
  '私下接触他人客户',
  '未经批准查看他人客户资料',
  '会议缺席未请假',
];

/** Notes for a serious violation (treated as voluntary resignation, 自动离职). */
export const SERIOUS_NOTES: readonly string[] = ['泄露公司客户资料给竞争对手', '私自收取客户回扣'];
