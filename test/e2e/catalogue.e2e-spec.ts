import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp } from '../support/actors';
import { givenProduct, givenSeller, productBody, productRow, type Seller, variantBody, variantRow } from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let seller: Seller;
beforeAll(async () => {
  t = await startTestApp();
  seller = await givenSeller(t, { name: 'Fatima' });
});
afterAll(async () => {
  await t?.close();
});

describe('creating a product', () => {
  it('lists a product with its variants and answers it as the contract says', async () => {
    const res = await t.http().post(`/v1/cooperatives/${seller.coop.id}/products`).set('authorization', seller.auth)
      .send(productBody({ variants: [variantBody({ sku: 'BOWL-L', price: { amount: 52000 } }), variantBody({ sku: 'BOWL-S', price: { amount: 31000 }, stock: 3 })] }));
    expect(res.status).toBe(201);
    console.log(JSON.stringify(res.body, null, 1));
  });
});
