import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { CreateVoucher, Voucher, VoucherParams } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

export const createVoucher = defineRoute({
  operationId: 'createVoucher',
  method: 'POST',
  path: '/v1/events/{id}/vouchers',
  handler: 'vouchers/create',
  permission: 'events:write',
  summary: 'Create a voucher (code unique per event, case-insensitive); blockedSeats sets seats aside for its holders',
  tag: 'Vouchers',
  request: { params: IdParams, body: CreateVoucher },
  responses: { 201: { description: 'Created', schema: Voucher }, 409: { description: 'duplicate or sold_out (not enough seats to block)' } },
});

export const listVouchers = defineRoute({
  operationId: 'listVouchers',
  method: 'GET',
  path: '/v1/events/{id}/vouchers',
  handler: 'vouchers/list',
  permission: 'events:read',
  summary: "List an event's vouchers",
  tag: 'Vouchers',
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of vouchers', schema: listOf(Voucher) } },
});

export const getVoucher = defineRoute({
  operationId: 'getVoucher',
  method: 'GET',
  path: '/v1/events/{id}/vouchers/{code}',
  handler: 'vouchers/get',
  permission: 'events:read',
  summary: 'Get a voucher by its code, with its remaining usages',
  tag: 'Vouchers',
  request: { params: VoucherParams },
  responses: { 200: { description: 'The voucher', schema: Voucher } },
});

