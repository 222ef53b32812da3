import {
  AssessCommitmentInput, CommitmentDetail, CommitmentList, CreateCommitmentInput, CreateCommitmentNoteInput, CreateMemberPostInput, IdParams,
  MemberPostList, MemberPostView, MyCommitmentList, PublicCommitmentBoard, UpdateCommitmentInput, UpdateMemberPostInput,
  exportCommitmentsQuery, exportMemberPostsQuery, listCommitmentsQuery, listMemberPostsQuery, myCommitmentsQuery, publicCommitmentsQuery,
} from '@jiceng/contract';
import type { Config } from '../../config.js';
import type { App, ModuleContext } from '../../platform/http/types.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { publicBudget } from '../../platform/http/rate-limit.js';
import { XLSX_TYPE, contentDisposition } from '../imports/xlsx.js';
import * as service from './commitments.service.js';

const tags = ['duties'];

/** 承诺践诺、村务公开栏、党员示范岗与责任区 (issue 10 part 7; 篇五(8), 篇二 三 3 公开承诺制). */
export async function commitmentRoutes(app: App, { database: { db } }: ModuleContext, config: Config) {
  app.get('/api/commitments', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '承诺践诺（本辖区，按年度、组织、党员、评价筛选）', querystring: listCommitmentsQuery, response: { 200: CommitmentList } },
  }, async (req) => service.listCommitments(db, actorOf(req), req.query));

  app.get('/api/commitments/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出承诺践诺（筛选同列表）', querystring: exportCommitmentsQuery },
  }, async (req, reply) => {
    const file = await service.exportCommitments(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('commitments.xlsx', '承诺践诺.xlsx')).header('cache-control', 'no-store').send(file);
  });

  app.get('/api/commitments/:id', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '承诺详情（含践诺进展）', params: IdParams, response: { 200: CommitmentDetail } },
  }, async (req) => service.getCommitment(db, actorOf(req), req.params.id));

  app.post('/api/commitments', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '登记承诺：党员或组织本年度的承诺事项（每人/每组织每年一份，默认公开）', body: CreateCommitmentInput, response: { 201: CommitmentDetail } },
  }, async (req, reply) => reply.status(201).send(await service.createCommitment(db, actorOf(req), req.body)));

  app.patch('/api/commitments/:id', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '修改承诺事项或公开设置（践诺评价前）', params: IdParams, body: UpdateCommitmentInput, response: { 200: CommitmentDetail } },
  }, async (req) => service.updateCommitment(db, actorOf(req), req.params.id, req.body));

  app.post('/api/commitments/:id/notes', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '记录践诺进展', params: IdParams, body: CreateCommitmentNoteInput, response: { 201: CommitmentDetail } },
  }, async (req, reply) => reply.status(201).send(await service.addNote(db, actorOf(req), req.params.id, req.body)));

  app.post('/api/commitments/:id/assess', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '践诺评价（年终，12月1日起；由上级评价，本人不能评价自己；评价后不可更改）', params: IdParams, body: AssessCommitmentInput, response: { 200: CommitmentDetail } },
  }, async (req) => service.assessCommitment(db, actorOf(req), req.params.id, req.body));

  app.get('/api/me/commitments', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '我的承诺（党员本人账号，含进展）', querystring: myCommitmentsQuery, response: { 200: MyCommitmentList } },
  }, async (req) => service.myCommitments(db, actorOf(req), req.query));

  app.post('/api/me/commitments/:id/notes', {
    config: { permission: 'self.service' },
    schema: { tags, summary: '党员本人记录践诺进展（仅本人的承诺）', params: IdParams, body: CreateCommitmentNoteInput, response: { 201: CommitmentDetail } },
  }, async (req, reply) => reply.status(201).send(await service.addMyNote(db, actorOf(req), req.params.id, req.body)));

  // 村务公开栏: no account; shares the one per-address budget of the portal and the public catalog
  const budget = publicBudget(app, config.portalRateLimit);
  app.get('/api/public/commitments', {
    config: { permission: 'public' }, onRequest: budget,
    schema: { tags, summary: '村务公开栏：本村(社区)公开的党员与组织承诺、进展条数和践诺评价（只显示姓名，无需登录）', querystring: publicCommitmentsQuery, response: { 200: PublicCommitmentBoard } },
  }, async (req) => service.publicBoard(db, req.query));

  app.get('/api/member-posts', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '党员示范岗与责任区（本辖区，按组织、类别、是否在岗筛选）', querystring: listMemberPostsQuery, response: { 200: MemberPostList } },
  }, async (req) => service.listPosts(db, actorOf(req), req.query));

  app.get('/api/member-posts/export.xlsx', {
    config: { permission: 'duty.read' },
    schema: { tags, summary: '导出党员示范岗与责任区（筛选同列表）', querystring: exportMemberPostsQuery },
  }, async (req, reply) => {
    const file = await service.exportPosts(db, actorOf(req), req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition('member-posts.xlsx', '党员示范岗与责任区.xlsx')).header('cache-control', 'no-store').send(file);
  });

  app.post('/api/member-posts', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '设立党员示范岗或党员责任区（联系户须在该党员所在村(社区)）', body: CreateMemberPostInput, response: { 201: MemberPostView } },
  }, async (req, reply) => reply.status(201).send(await service.createPost(db, actorOf(req), req.body)));

  app.patch('/api/member-posts/:id', {
    config: { permission: 'duty.write' },
    schema: { tags, summary: '修改或结束党员示范岗(责任区)（endedOn）', params: IdParams, body: UpdateMemberPostInput, response: { 200: MemberPostView } },
  }, async (req) => service.updatePost(db, actorOf(req), req.params.id, req.body));
}
