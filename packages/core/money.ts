export interface Money {
  amount: number;
  currency: string;
}

export const money = (amount: number, currency: string): Money => ({ amount, currency });

export const zero = (currency: string): Money => money(0, currency);
